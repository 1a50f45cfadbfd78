import type { RelationshipRow } from '../pages/entity.page';
import { groupKnowledge } from './knowledge-groups.util';

const row = (
  id: string,
  type: string,
  direction: 'from' | 'to',
  other?: [string, string],
): RelationshipRow => ({
  id,
  type,
  direction,
  other: other ? { id: `e-${other[0]}`, name: other[0], entityType: other[1] } : undefined,
});

describe('knowledge groups', () => {
  it('groups by relationship type, direction and other type, hiding unseen ends', () => {
    const groups = groupKnowledge([
      row('r1', 'uses', 'from', ['Zeta', 'Malware']),
      row('r2', 'uses', 'from', ['Alpha', 'Malware']),
      row('r3', 'uses', 'from', ['Cobalt', 'Tool']),
      row('r4', 'uses', 'to', ['APT9', 'Intrusion-Set']),
      row('r5', 'targets', 'from', ['Energy', 'Sector']),
      row('r6', 'targets', 'from'),
    ]);
    expect(
      groups.map((g) => `${g.relationshipType} ${g.direction} ${g.otherType} ${g.items.length}`),
    ).toEqual([
      'targets from Sector 1',
      'uses from Malware 2',
      'uses from Tool 1',
      'uses to Intrusion-Set 1',
    ]);
    expect(groups[1]?.items.map((i) => i.name)).toEqual(['Alpha', 'Zeta']);
  });
});
