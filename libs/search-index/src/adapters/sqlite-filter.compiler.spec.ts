import { compileFilterGroup, compileSearch, compileTypes } from './sqlite-filter.compiler';

// The generated SQL is snapshotted so that a change of it shows up in review (STYLE.md 2.3).
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
          { key: ['ids'], values: ['malware--36297121-bf18-56e1-b200-d39c9f9f5cee'] },
          { key: ['fromOrToId'], values: ['a'] },
          { key: ['created_at'], values: ['2024-01-01T00:00:00.000Z'], operator: 'lt' },
          { key: ['createdBy'], values: ['org'], operator: 'not_eq' },
        ],
        filterGroups: [],
      }),
    ).toMatchSnapshot();
  });

  it('rejects keys that could escape the JSON path', () => {
    expect(() =>
      compileFilterGroup({
        mode: 'and',
        filters: [{ key: ["a') OR 1=1 --"], values: ['x'] }],
        filterGroups: [],
      }),
    ).toThrow('Invalid filter key');
  });
});

describe(compileTypes.name, () => {
  it('expands abstract types, custom types through their flag', () => {
    const sql = compileTypes(['Stix-Core-Object']);
    expect(sql.sql).toContain('e.is_custom = 1');
    expect(JSON.parse(sql.params[0] as string)).toEqual(
      expect.arrayContaining(['Malware', 'IPv4-Addr', 'Report']),
    );
    expect(compileTypes(['Malware'])).toMatchSnapshot();
  });
});

describe(compileSearch.name, () => {
  it('quotes every word as a prefix and drops punctuation', () => {
    expect(compileSearch('APT28 "); DROP')).toMatchSnapshot();
    expect(compileSearch('  ;; ')).toBeUndefined();
  });
});
