// The neutral filter tree: OpenCTI's FilterGroup shape, so pycti filters pass through unchanged.
// Adapters compile it with pure functions (SQL, ES DSL); nothing else interprets it.

export const FILTER_OPERATORS = [
  'eq',
  'not_eq',
  'lt',
  'lte',
  'gt',
  'gte',
  'match',
  'wildcard',
  'contains',
  'not_contains',
  'starts_with',
  'not_starts_with',
  'ends_with',
  'not_ends_with',
  'nil',
  'not_nil',
  'search',
  'within',
  'script',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FilterMode = 'and' | 'or';
export type FilterValue = string | number | boolean | null;

export type Filter = {
  key: string[];
  values: FilterValue[];
  operator?: FilterOperator;
  mode?: FilterMode;
};

export type FilterGroup = {
  mode: FilterMode;
  filters: Filter[];
  filterGroups: FilterGroup[];
};

export const emptyFilterGroup = (): FilterGroup => ({ mode: 'and', filters: [], filterGroups: [] });
