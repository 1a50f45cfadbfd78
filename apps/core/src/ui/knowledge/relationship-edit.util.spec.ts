import type { StoredElement } from '@lib/entity-store';
import {
  parseRelationshipEdit,
  relationshipEditsOf,
  reversalRefusal,
  reversedInputOf,
} from './relationship-edit.util';

const rel = {
  internalId: 'r1',
  standardId: 'relationship--1',
  entityType: 'uses',
  fromId: 'set',
  toId: 'malware',
  attributes: {
    relationship_type: 'uses',
    confidence: 40,
    start_time: '2026-01-01T00:00:00.000Z',
    description: 'seen',
  },
  refs: { 'created-by': ['org'], 'object-marking': ['green'], 'object-label': [] },
} as unknown as StoredElement;

describe('the relationship edit form', () => {
  it('allows a reversal only when the model allows the reversed pair', () => {
    expect(reversalRefusal('uses', 'Intrusion-Set', 'Malware')).toContain(
      'from Malware to Intrusion-Set',
    );
    expect(reversalRefusal('related-to', 'Intrusion-Set', 'Malware')).toBeUndefined();
    expect(reversalRefusal('uses', 'Malware', 'Malware')).toBeUndefined();
  });

  it('reverses with the same content, ends swapped', () => {
    expect(reversedInputOf(rel)).toEqual({
      fromId: 'malware',
      toId: 'set',
      relationship_type: 'uses',
      description: 'seen',
      confidence: 40,
      start_time: '2026-01-01T00:00:00.000Z',
      createdBy: 'org',
      objectMarking: ['green'],
    });
  });

  it('patches only what changed, and checks the times', () => {
    const same = parseRelationshipEdit(rel, {
      start_time: '2026-01-01T00:00',
      confidence: '40',
      description: 'seen',
    });
    expect(same.errors).toEqual({});
    expect(relationshipEditsOf(rel, same.values)).toEqual([]);
    const changed = parseRelationshipEdit(rel, { confidence: '90', stop_time: '2026-02-01T00:00' });
    expect(relationshipEditsOf(rel, changed.values)).toEqual([
      { key: 'start_time', value: [], operation: 'remove' },
      { key: 'stop_time', value: ['2026-02-01T00:00:00.000Z'], operation: 'replace' },
      { key: 'confidence', value: [90], operation: 'replace' },
      { key: 'description', value: [], operation: 'remove' },
    ]);
    const bad = parseRelationshipEdit(rel, {
      start_time: '2026-03-01T00:00',
      stop_time: '2026-02-01T00:00',
    });
    expect(bad.errors.stop_time).toContain('before');
  });
});
