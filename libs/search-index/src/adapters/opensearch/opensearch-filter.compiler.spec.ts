import { compileFilterGroup, compileSearch, compileTypes } from './opensearch-filter.compiler';
import { compileSort, decodeCursor, encodeCursor } from './opensearch-search.order';

// The generated query DSL is snapshotted so that a change of it shows up in review (STYLE.md 2.3).
describe(compileFilterGroup.name, () => {
  it('compiles a pycti-style filter group', () => {
    expect(
      compileFilterGroup({
        mode: 'and',
        filters: [
          { key: ['entity_type'], values: ['IPv4-Addr'] },
          { key: ['value'], values: ['1.2.3.4'] },
          { key: ['objectMarking'], values: ['m1', 'm2'], mode: 'and' },
          { key: ['x_opencti_score'], values: [50], operator: 'gte' },
        ],
        filterGroups: [
          {
            mode: 'or',
            filters: [
              { key: ['name'], values: ['apt'], operator: 'starts_with' },
              { key: ['description'], values: [], operator: 'nil' },
            ],
            filterGroups: [],
          },
        ],
      }),
    ).toMatchSnapshot();
  });

  it('compiles id, end and column filters', () => {
    expect(
      compileFilterGroup({
        mode: 'or',
        filters: [
          { key: ['ids'], values: ['MALWARE--36297121-bf18-56e1-b200-d39c9f9f5cee'] },
          { key: ['fromOrToId'], values: ['a'] },
          { key: ['created_at'], values: ['2024-01-01T00:00:00.000Z'], operator: 'lt' },
          { key: ['createdBy'], values: ['org'], operator: 'not_eq' },
          { key: ['published'], values: ['2024-01-01', '2024-12-31'], operator: 'within' },
        ],
        filterGroups: [],
      }),
    ).toMatchSnapshot();
  });

  it('escapes wildcard metacharacters of values and compares untyped ranges as strings', () => {
    expect(
      compileFilterGroup({
        mode: 'and',
        filters: [
          { key: ['description'], values: ['50% * off?'], operator: 'contains' },
          { key: ['x_custom_level'], values: ['b'], operator: 'gt' },
          { key: ['name'], values: ['a', 'b'], operator: 'not_eq' },
        ],
        filterGroups: [],
      }),
    ).toMatchSnapshot();
  });

  it('matches everything for an empty group or a filter without values', () => {
    expect(compileFilterGroup({ mode: 'and', filters: [], filterGroups: [] })).toEqual({
      match_all: {},
    });
    expect(
      compileFilterGroup({
        mode: 'and',
        filters: [{ key: ['name'], values: [] }],
        filterGroups: [],
      }),
    ).toEqual({ match_all: {} });
  });

  it('rejects bad keys and unsupported operators', () => {
    expect(() =>
      compileFilterGroup({
        mode: 'and',
        filters: [{ key: ["a') OR 1=1 --"], values: ['x'] }],
        filterGroups: [],
      }),
    ).toThrow('Invalid filter key');
    expect(() =>
      compileFilterGroup({
        mode: 'and',
        filters: [{ key: ['objectLabel'], values: ['x'], operator: 'starts_with' }],
        filterGroups: [],
      }),
    ).toThrow('not supported on object-label');
  });
});

describe(compileTypes.name, () => {
  it('expands abstract types, custom types through their flag', () => {
    const clause = compileTypes(['Stix-Core-Object']) as {
      bool: { should: [{ terms: { entity_type: string[] } }, unknown] };
    };
    expect(clause.bool.should[0].terms.entity_type).toEqual(
      expect.arrayContaining(['Malware', 'IPv4-Addr', 'Report']),
    );
    expect(clause.bool.should[1]).toEqual({ term: { is_custom: true } });
    expect(compileTypes(['Malware'])).toMatchSnapshot();
  });
});

describe(compileSearch.name, () => {
  it('makes every word a scored prefix and drops punctuation', () => {
    expect(compileSearch('APT28 "); DROP')).toMatchSnapshot();
    expect(compileSearch('  ;; ')).toBeUndefined();
  });
});

describe(compileSort.name, () => {
  it('orders by the attribute, then insertion order and internal id', () => {
    expect(compileSort({ orderBy: 'name', orderMode: 'desc' })).toMatchSnapshot();
    expect(compileSort({})).toEqual([{ seq: 'asc' }, { internal_id: 'asc' }]);
    expect(compileSort({ orderBy: '_score', search: 'apt' })[0]).toEqual({ _score: 'asc' });
  });

  it('rejects orders that are not sortable', () => {
    expect(() => compileSort({ orderBy: "name'); --" })).toThrow('Invalid orderBy');
    expect(() => compileSort({ orderBy: 'x_custom' })).toThrow('not a sortable attribute');
  });

  it('round-trips cursors and rejects foreign ones', () => {
    expect(decodeCursor(encodeCursor(['Emotet', 12, 'id']), 3)).toEqual(['Emotet', 12, 'id']);
    expect(() => decodeCursor('not-a-cursor', 3)).toThrow('Invalid cursor');
    expect(() => decodeCursor(encodeCursor([1]), 3)).toThrow('Invalid cursor');
  });
});
