import { compileListFilters, filterParams, readListFilters } from './list-filters.util';

describe('list filters', () => {
  it('compiles every field into one and-group of the GraphQL filter keys', () => {
    const filters = readListFilters({
      label: ['l-1', 'l-2', 'l-1'],
      marking: 'm-1',
      author: 'org-1',
      created_from: '2026-01-01',
      created_to: '2026-01-31',
      confidence_min: '50',
      confidence_max: '90',
    });
    expect(compileListFilters(filters)).toEqual({
      mode: 'and',
      filterGroups: [],
      filters: [
        { key: ['objectLabel'], values: ['l-1', 'l-2'] },
        { key: ['objectMarking'], values: ['m-1'] },
        { key: ['createdBy'], values: ['org-1'] },
        { key: ['created'], values: ['2026-01-01T00:00:00.000Z'], operator: 'gte' },
        { key: ['created'], values: ['2026-01-31T23:59:59.999Z'], operator: 'lte' },
        { key: ['confidence'], values: [50], operator: 'gte' },
        { key: ['confidence'], values: [90], operator: 'lte' },
      ],
    });
    expect(filterParams(filters)).toEqual([
      ['label', 'l-1'],
      ['label', 'l-2'],
      ['marking', 'm-1'],
      ['author', 'org-1'],
      ['created_from', '2026-01-01'],
      ['created_to', '2026-01-31'],
      ['confidence_min', '50'],
      ['confidence_max', '90'],
    ]);
  });

  it('drops malformed values and compiles nothing when nothing is left', () => {
    const filters = readListFilters({
      label: ['', 'a b', "x' OR 1=1"],
      marking: { $ne: 1 },
      author: ['', 'ok-id'],
      created_from: '2026-13-45',
      created_to: 'yesterday',
      confidence_min: '101',
      confidence_max: '12.5',
    });
    expect(filters).toEqual({
      labels: [],
      markings: [],
      author: 'ok-id',
      createdFrom: undefined,
      createdTo: undefined,
      confidenceMin: undefined,
      confidenceMax: undefined,
    });
    expect(compileListFilters({ ...filters, author: undefined })).toBeUndefined();
    expect(compileListFilters(readListFilters({ confidence_min: '0' }))?.filters).toEqual([
      { key: ['confidence'], values: [0], operator: 'gte' },
    ]);
  });
});
