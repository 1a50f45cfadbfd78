// How an element is named to people (lists, titles, graph labels): data-model.md §1.4 for
// observables, the name or its nearest stand-in for everything else.

const MAIN_VALUE_KEYS = [
  'value',
  'name',
  'path',
  'key',
  'number',
  'card_number',
  'iban',
  'subject',
];
const HASH_ORDER = ['SHA-256', 'SHA-1', 'MD5', 'SHA-512'];

/** An observable's hashes as algorithm/hash pairs (the stored map, or nothing). */
export function hashList(hashes: unknown): { algorithm: string; hash: string }[] {
  if (!hashes || typeof hashes !== 'object' || Array.isArray(hashes)) return [];
  return Object.entries(hashes as Record<string, unknown>).map(([algorithm, hash]) => ({
    algorithm,
    hash: String(hash),
  }));
}

/** The value an observable is known by: its main attribute, else its strongest hash. */
export function observableValue(attributes: Readonly<Record<string, unknown>>): string | null {
  const stored = attributes.observable_value;
  if (typeof stored === 'string') return stored;
  for (const key of MAIN_VALUE_KEYS) {
    const value = attributes[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  const hashes = hashList(attributes.hashes);
  const best = HASH_ORDER.map((a) => hashes.find((h) => h.algorithm === a)).find(Boolean);
  return (best ?? hashes[0])?.hash ?? null;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** A readable name for any element: name, observable value, definition, pattern, else `fallback`. */
export function representative(
  attributes: Readonly<Record<string, unknown>>,
  fallback: string,
): string {
  return (
    text(attributes.name) ??
    observableValue(attributes) ??
    text(attributes.definition) ??
    text(attributes.attribute_abstract) ??
    text(attributes.opinion) ??
    text(attributes.pattern) ??
    fallback
  );
}
