import { allowedRelationshipTypes } from './relationship-choices.util';

describe('relationship choices', () => {
  it('offers the pairs of the model, related-to last', () => {
    const types = allowedRelationshipTypes('Intrusion-Set', 'Malware');
    expect(types).toContain('uses');
    expect(types).not.toContain('indicates');
    expect(types.indexOf('related-to')).toBeGreaterThan(types.indexOf('uses'));
    expect(allowedRelationshipTypes('Indicator', 'Malware')).toContain('indicates');
    expect(allowedRelationshipTypes('Malware', 'Indicator')).not.toContain('indicates');
  });
});
