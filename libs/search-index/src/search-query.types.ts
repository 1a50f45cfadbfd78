import type { FilterGroup } from '@lib/kernel';

export type OrderMode = 'asc' | 'desc';

/** A list query in domain terms; adapters compile it (SQL, ES DSL). */
export type SearchQuery = {
  /** Entity types; abstract types (Stix-Domain-Object, Stix-Core-Object…) match their descendants. */
  types?: readonly string[];
  filters?: FilterGroup;
  /** Full-text words (prefix match on every word). */
  search?: string;
  first: number;
  /** Opaque cursor: the `endCursor` of the previous page. */
  after?: string;
  /** `created_at`, `updated_at`, `_score` (with search) or an attribute name. Default: insertion order. */
  orderBy?: string;
  orderMode?: OrderMode;
};

export type CountQuery = Pick<SearchQuery, 'types' | 'filters' | 'search'>;
