/** A timestamp as a short UTC date and time ("2026-12-04 22:40"), or an em dash. */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toISOString().slice(0, 16).replace('T', ' ');
}

/** 12345 → "12,345". */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** "Attack-Pattern" → "Attack pattern", "IPv4-Addr" → "IPv4 addr". */
export function typeLabel(entityType: string): string {
  const words = entityType.split('-');
  return words
    .map((w, i) => (i === 0 || /[A-Z].*[A-Z0-9]/.test(w) ? w : w.toLowerCase()))
    .join(' ');
}

/** The URL of an element's page. */
export function elementHref(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}
