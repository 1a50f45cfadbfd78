import type { FilterGroup } from '@lib/kernel';
import { retentionCutoff } from './retention-cutoff.util';
import { retentionFilters } from './retention-filters.util';

const NOW = new Date('2026-03-10T12:00:00.000Z');

describe('retentionCutoff', () => {
  it.each([
    [30, 'minutes', '2026-03-10T11:30:00.000Z'],
    [5, 'hours', '2026-03-10T07:00:00.000Z'],
    [10, 'days', '2026-02-28T12:00:00.000Z'],
    [1, 'days', '2026-03-09T12:00:00.000Z'],
  ] as const)('keeps %i %s back from now', (max, unit, expected) => {
    expect(retentionCutoff(max, unit, NOW).toISOString()).toBe(expected);
  });

  it('does not change the given now', () => {
    retentionCutoff(3, 'days', NOW);
    expect(NOW.toISOString()).toBe('2026-03-10T12:00:00.000Z');
  });
});

describe('retentionFilters', () => {
  const cutoff = new Date('2026-01-01T00:00:00.000Z');
  const older = { key: ['updated_at'], values: ['2026-01-01T00:00:00.000Z'], operator: 'lt' };

  it('selects by last update only when the rule has no filters', () => {
    expect(retentionFilters(undefined, cutoff)).toEqual({
      mode: 'and',
      filters: [older],
      filterGroups: [],
    });
    const empty: FilterGroup = { mode: 'and', filters: [], filterGroups: [] };
    expect(retentionFilters(empty, cutoff).filterGroups).toEqual([]);
  });

  it('keeps an "or" rule whole under the age condition (never widened by it)', () => {
    const rule: FilterGroup = {
      mode: 'or',
      filters: [
        { key: ['entity_type'], values: ['Malware'] },
        { key: ['objectLabel'], values: ['label-id'] },
      ],
      filterGroups: [],
    };
    const selected = retentionFilters(rule, cutoff);
    expect(selected.mode).toBe('and');
    expect(selected.filters).toEqual([older]);
    expect(selected.filterGroups).toEqual([rule]);
  });

  it('never selects the kept elements, whatever the rule', () => {
    const selected = retentionFilters(undefined, cutoff, ['org-1', 'org-2']);
    expect(selected.filters).toEqual([
      older,
      { key: ['internal_id'], values: ['org-1', 'org-2'], operator: 'not_eq', mode: 'and' },
    ]);
  });
});
