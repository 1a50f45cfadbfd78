// A list page's query string (search, sort, page) read defensively and written back into links.

export const PAGE_SIZES = [25, 50, 100, 500] as const;
const SORTABLE = new Set(['name', 'created', 'updated_at', 'created_at', 'confidence']);

export type ListQuery = {
  search?: string | undefined;
  sort?: string | undefined;
  order: 'asc' | 'desc';
  first: number;
  after?: string | undefined;
  /** How many rows the pages before this one showed (for "26–50 of N"). */
  offset: number;
};

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** Reads the query string; unknown or malformed values fall back to defaults. */
export function readListQuery(query: Record<string, unknown>): ListQuery {
  const first = Number(query.first);
  const offset = Number(query.offset);
  const sort = str(query.sort);
  return {
    search: str(query.search)?.slice(0, 500),
    sort: sort && SORTABLE.has(sort) ? sort : undefined,
    order: query.order === 'asc' ? 'asc' : 'desc',
    first: PAGE_SIZES.find((size) => size === first) ?? PAGE_SIZES[0],
    after: str(query.after)?.slice(0, 1000),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL of `path` with `query` changed by `patch` (undefined removes a parameter). */
export function listHref(
  path: string,
  query: ListQuery,
  patch: Partial<Record<keyof ListQuery, string | number | undefined>>,
): string {
  const merged: Record<string, string | number | undefined> = { ...query, ...patch };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '') continue;
    if (key === 'order' && value === 'desc') continue;
    if (key === 'first' && value === PAGE_SIZES[0]) continue;
    if (key === 'offset' && value === 0) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
