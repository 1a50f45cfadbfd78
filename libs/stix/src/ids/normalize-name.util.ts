/**
 * The platform's name normalisation (data-model.md §3.2): lower-case then trim, nothing else (no
 * whitespace collapsing, no Unicode folding).
 */
export function normalizeName(value: unknown): string {
  if (typeof value === 'string') {
    return value.toLowerCase().trim();
  }
  // Numbers and booleans stringify like JavaScript would; anything else has no name.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
