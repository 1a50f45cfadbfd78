import { InvalidQueryError } from '@lib/search-index';
import { idValues, listFilters, withInternalIds } from './filter-translation.util';

const known = (key: string) => ['name', 'confidence'].includes(key);

describe('listFilters', () => {
  it('is undefined when nothing filters', () => {
    expect(listFilters({}, known)).toBeUndefined();
  });

  it('turns relationship shortcuts into filters next to the client group', () => {
    const tree = listFilters(
      {
        fromId: ['a'],
        relationship_type: ['uses'],
        startTimeStart: '2024-01-01T00:00:00Z',
        filters: {
          mode: 'or',
          filters: [{ key: ['name'], values: ['x'], operator: null, mode: null }],
          filterGroups: [],
        },
      },
      known,
    );
    expect(tree).toEqual({
      mode: 'and',
      filters: [
        { key: ['fromId'], values: ['a'] },
        { key: ['relationship_type'], values: ['uses'] },
        { key: ['start_time'], values: ['2024-01-01T00:00:00Z'], operator: 'gte' },
      ],
      filterGroups: [{ mode: 'or', filters: [{ key: ['name'], values: ['x'] }], filterGroups: [] }],
    });
  });

  it('names an unknown key, also in nested groups; custom x_ keys pass', () => {
    const nested = (key: string) => ({
      filters: {
        mode: 'and' as const,
        filters: [],
        filterGroups: [
          { mode: 'and' as const, filters: [{ key: [key], values: [1] }], filterGroups: [] },
        ],
      },
    });
    expect(() => listFilters(nested('nmae'), known)).toThrow(InvalidQueryError);
    expect(() => listFilters(nested('nmae'), known)).toThrow('"nmae"');
    expect(listFilters(nested('x_custom_score'), known)).toBeDefined();
  });
});

describe('id resolution in filter trees', () => {
  it('collects and replaces ids of id-valued keys, regardingOf included', () => {
    const tree = listFilters(
      {
        filters: {
          mode: 'and',
          filters: [
            { key: ['objectLabel'], values: ['label--1'] },
            { key: ['name'], values: ['label--1'] },
            {
              key: ['regardingOf'],
              values: [
                { key: 'id', values: ['malware--2'] },
                { key: 'relationship_type', values: ['uses'] },
              ] as unknown as string[],
            },
          ],
          filterGroups: [],
        },
      },
      known,
    );
    if (!tree) throw new Error('expected a tree');
    expect(idValues(tree)).toEqual(['label--1', 'malware--2']);
    const internal = new Map([
      ['label--1', ['i1']],
      ['malware--2', ['i2']],
    ]);
    const group = withInternalIds(tree, internal).filterGroups[0];
    expect(group?.filters).toEqual([
      { key: ['objectLabel'], values: ['i1'] },
      { key: ['name'], values: ['label--1'] },
      {
        key: ['regardingOf'],
        values: [
          { key: 'id', values: ['i2'] },
          { key: 'relationship_type', values: ['uses'] },
        ],
      },
    ]);
  });
});
