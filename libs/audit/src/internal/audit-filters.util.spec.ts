import { auditFilters } from './audit-filters.util';

describe('auditFilters', () => {
  it('maps OpenCTI audit keys to stored attributes, in nested groups too', () => {
    expect(
      auditFilters({
        mode: 'or',
        filters: [
          { key: ['members_user'], values: ['u1'] },
          { key: ['timestamp'], values: ['2026-01-01'], operator: 'gte' },
        ],
        filterGroups: [
          {
            mode: 'and',
            filters: [{ key: ['context_data.entity_id'], values: ['e1'] }],
            filterGroups: [],
          },
        ],
      }),
    ).toEqual({
      mode: 'or',
      filters: [
        { key: ['user_id'], values: ['u1'] },
        { key: ['created_at'], values: ['2026-01-01'], operator: 'gte' },
      ],
      filterGroups: [
        {
          mode: 'and',
          filters: [{ key: ['context_entity_id'], values: ['e1'] }],
          filterGroups: [],
        },
      ],
    });
  });

  it('rejects keys that are not audit fields, naming them', () => {
    expect(() =>
      auditFilters({ mode: 'and', filters: [{ key: ['name'], values: ['x'] }], filterGroups: [] }),
    ).toThrow(/Unknown audit filter key "name"/);
  });
});
