import type { FilterMode, FilterOperator, FilterValue } from '@lib/kernel';

/** A FilterGroup as GraphQL hands it over (operator and mode may be null). */
export type FilterGroupArg = {
  mode: FilterMode;
  filters: {
    key: string[];
    values: FilterValue[];
    operator?: FilterOperator | null;
    mode?: FilterMode | null;
  }[];
  filterGroups: FilterGroupArg[];
};

/** Arguments of every knowledge list (relationship lists add their own, all optional). */
export type ListArgs = {
  filters?: FilterGroupArg | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
  orderBy?: string | null;
  orderMode?: 'asc' | 'desc' | null;
  types?: string[] | null;
  fromOrToId?: string | string[] | null;
  elementWithTargetTypes?: string[] | null;
  fromId?: string | string[] | null;
  toId?: string | string[] | null;
  fromTypes?: string[] | null;
  toTypes?: string[] | null;
  relationship_type?: string[] | null;
  startTimeStart?: string | null;
  startTimeStop?: string | null;
  stopTimeStart?: string | null;
  stopTimeStop?: string | null;
  firstSeenStart?: string | null;
  firstSeenStop?: string | null;
  lastSeenStart?: string | null;
  lastSeenStop?: string | null;
};
