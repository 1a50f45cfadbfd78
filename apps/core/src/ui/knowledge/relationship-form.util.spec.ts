import {
  readRelationshipForm,
  relationshipErrors,
  relationshipInputOf,
} from './relationship-form.util';

describe('relationship form', () => {
  it('reads a valid form into the stixCoreRelationshipAdd input', () => {
    const values = readRelationshipForm({
      toId: 'm-1',
      relationship_type: 'uses',
      start_time: '2026-01-01T00:00',
      stop_time: '2026-02-01T12:00',
      confidence: '80',
      description: '',
    });
    expect(relationshipErrors(values, ['uses', 'related-to'])).toEqual({});
    expect(relationshipInputOf('i-1', values)).toEqual({
      fromId: 'i-1',
      toId: 'm-1',
      relationship_type: 'uses',
      start_time: '2026-01-01T00:00:00.000Z',
      stop_time: '2026-02-01T12:00:00.000Z',
      confidence: 80,
    });
  });

  it('refuses a type the pair does not allow, bad times and a missing target', () => {
    const values = readRelationshipForm({
      toId: 'm-1',
      relationship_type: 'indicates',
      start_time: '2026-02-01T00:00',
      stop_time: '2026-01-01T00:00',
      confidence: 'high',
    });
    expect(relationshipErrors(values, ['uses'])).toEqual({
      relationship_type: 'indicates is not allowed toward this target.',
      stop_time: 'Stop must not be before start.',
      confidence: 'Confidence is a whole number from 0 to 100.',
    });
    expect(relationshipErrors(readRelationshipForm({ start_time: 'x' }), undefined)).toEqual({
      toId: 'Pick the target in the list.',
      relationship_type: 'Pick a relationship type.',
      start_time: 'Start must be a date and time.',
    });
  });
});
