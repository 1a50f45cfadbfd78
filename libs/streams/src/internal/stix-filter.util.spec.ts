import { OCTI_EXTENSION_ID } from '@lib/stix';
import type { FilterGroup } from '@lib/kernel';
import { parseFilterGroup } from './filter-json.util';
import { stixMatches, stixValues } from './stix-filter.util';
import { stixRefsOf } from './stix-refs.util';

const TLP_RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';
const AUTHOR = 'identity--7b82b010-b1c0-4dae-981f-7756374a17df';

const malware = {
  id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  type: 'malware',
  spec_version: '2.1',
  name: 'Emotet',
  confidence: 75,
  labels: ['banking', 'loader'],
  created_by_ref: AUTHOR,
  object_marking_refs: [TLP_RED],
  extensions: {
    [OCTI_EXTENSION_ID]: { id: 'internal-1', type: 'Malware', score: 60 },
  },
};

const relationship = {
  id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
  type: 'relationship',
  relationship_type: 'uses',
  source_ref: 'intrusion-set--e4b2b5a5-7c4b-4c43-8b6f-5f7a0f5e3d21',
  target_ref: malware.id,
};

const group = (filters: FilterGroup['filters'], mode: 'and' | 'or' = 'and'): FilterGroup => ({
  mode,
  filters,
  filterGroups: [],
});

describe('stixMatches', () => {
  it('matches entity types with their abstract parents', () => {
    expect(stixMatches(malware, group([{ key: ['entity_type'], values: ['Malware'] }]))).toBe(true);
    expect(
      stixMatches(malware, group([{ key: ['entity_type'], values: ['Stix-Domain-Object'] }])),
    ).toBe(true);
    expect(stixMatches(malware, group([{ key: ['entity_type'], values: ['Indicator'] }]))).toBe(
      false,
    );
  });

  it('compares numbers and applies negative operators per value', () => {
    const gte = (v: number) => group([{ key: ['confidence'], values: [v], operator: 'gte' }]);
    expect(stixMatches(malware, gte(75))).toBe(true);
    expect(stixMatches(malware, gte(76))).toBe(false);
    expect(
      stixMatches(malware, group([{ key: ['x_opencti_score'], values: [50], operator: 'gt' }])),
    ).toBe(true);
    expect(
      stixMatches(
        malware,
        group([{ key: ['objectLabel'], values: ['banking'], operator: 'not_eq', mode: 'and' }]),
      ),
    ).toBe(false);
  });

  it('matches ids through their resolved forms', () => {
    const byInternal = group([{ key: ['objectMarking'], values: ['red-internal-id'] }]);
    expect(stixMatches(malware, byInternal)).toBe(false);
    expect(stixMatches(malware, byInternal, new Map([['red-internal-id', [TLP_RED]]]))).toBe(true);
    expect(stixMatches(malware, group([{ key: ['createdBy'], values: [AUTHOR] }]))).toBe(true);
  });

  it('reads relationship ends and their types', () => {
    expect(stixValues(relationship, 'fromTypes')).toContain('Intrusion-Set');
    expect(
      stixMatches(
        relationship,
        group([
          { key: ['toId'], values: [malware.id] },
          { key: ['relationship_type'], values: ['uses'] },
        ]),
      ),
    ).toBe(true);
  });

  it('combines nested groups and nil checks', () => {
    const filters: FilterGroup = {
      mode: 'or',
      filters: [{ key: ['description'], values: [], operator: 'not_nil' }],
      filterGroups: [group([{ key: ['name'], values: ['emo'], operator: 'starts_with' }])],
    };
    expect(stixMatches(malware, filters)).toBe(true);
    expect(stixMatches({ ...malware, name: 'Other' }, filters)).toBe(false);
    expect(stixMatches(malware, group([]))).toBe(true);
  });
});

describe('parseFilterGroup', () => {
  it('accepts OpenCTI filter JSON and names what is wrong', () => {
    expect(parseFilterGroup('')).toEqual({ mode: 'and', filters: [], filterGroups: [] });
    expect(
      parseFilterGroup('{"mode":"or","filters":[{"key":"entity_type","values":["Report"]}]}'),
    ).toEqual({
      mode: 'or',
      filters: [{ key: ['entity_type'], values: ['Report'] }],
      filterGroups: [],
    });
    expect(() => parseFilterGroup('{"mode":"and","filters":[{"values":[]}]}')).toThrow(
      /filters\.filters\.0\.key/,
    );
    expect(() => parseFilterGroup('{oops')).toThrow(/not JSON/);
  });
});

describe('stixRefsOf', () => {
  it('lists referenced STIX ids, not the object itself', () => {
    expect(stixRefsOf(malware).sort()).toEqual([AUTHOR, TLP_RED].sort());
    expect(stixRefsOf(relationship)).toHaveLength(2);
  });
});
