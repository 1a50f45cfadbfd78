import type { Filter, FilterGroup } from '@lib/kernel';
import { AppError } from '@lib/kernel';

// The audit list's filter keys (OpenCTI's names) → what the stored entries are filtered on.
const KEYS: Readonly<Record<string, string>> = {
  event_type: 'event_type',
  event_scope: 'event_scope',
  event_status: 'event_status',
  event_access: 'event_access',
  user_id: 'user_id',
  members_user: 'user_id',
  timestamp: 'created_at',
  created_at: 'created_at',
  'context_data.entity_id': 'context_entity_id',
  'context_data.id': 'context_entity_id',
  'context_data.entity_type': 'context_entity_type',
  'context_data.entity_name': 'context_entity_name',
};

export const AUDIT_FILTER_KEYS = Object.keys(KEYS);

/** The entry attributes those keys reach: the only ones the store needs to index for filters. */
export const AUDIT_FILTERED_ATTRIBUTES: readonly string[] = [
  ...new Set(Object.values(KEYS)),
].filter((name) => name !== 'created_at');

function mapped(key: string): string {
  const target = KEYS[key];
  if (!target) {
    throw new AppError({
      code: 'AUDIT_INVALID_FILTER',
      category: 'validation',
      message: `Unknown audit filter key "${key}" (known: ${AUDIT_FILTER_KEYS.join(', ')})`,
      details: { key, known: AUDIT_FILTER_KEYS },
    });
  }
  return target;
}

/** A user's FilterGroup over audit keys as one over the stored attributes (unknown keys throw). */
export function auditFilters(group: FilterGroup): FilterGroup {
  return {
    mode: group.mode === 'or' ? 'or' : 'and',
    filters: (group.filters ?? []).map((f): Filter => ({
      ...f,
      key: f.key.map(mapped),
      values: f.values ?? [],
    })),
    filterGroups: (group.filterGroups ?? []).map(auditFilters),
  };
}
