import type { FilterGroup } from '@lib/kernel';

/**
 * What a rule selects: its own filters (any tree) and, at the top, last updated strictly before
 * the cutoff, so that an object touched since (edited, merged, re-imported) is kept.
 */
export function retentionFilters(rule: FilterGroup | undefined, cutoff: Date): FilterGroup {
  return {
    mode: 'and',
    filters: [{ key: ['updated_at'], values: [cutoff.toISOString()], operator: 'lt' }],
    filterGroups: rule && (rule.filters.length > 0 || rule.filterGroups.length > 0) ? [rule] : [],
  };
}
