import type { Filter, FilterGroup } from '@lib/kernel';

/**
 * What a rule selects: its own filters (any tree) and, at the top, last updated strictly before
 * the cutoff, so that an object touched since (edited, merged, re-imported) is kept; never the
 * `kept` elements, whatever the rule says.
 */
export function retentionFilters(
  rule: FilterGroup | undefined,
  cutoff: Date,
  kept: readonly string[] = [],
): FilterGroup {
  const filters: Filter[] = [
    { key: ['updated_at'], values: [cutoff.toISOString()], operator: 'lt' },
  ];
  if (kept.length > 0) {
    filters.push({ key: ['internal_id'], values: [...kept], operator: 'not_eq', mode: 'and' });
  }
  return {
    mode: 'and',
    filters,
    filterGroups: rule && (rule.filters.length > 0 || rule.filterGroups.length > 0) ? [rule] : [],
  };
}
