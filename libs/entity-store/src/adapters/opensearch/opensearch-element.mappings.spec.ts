import { ELEMENT_FAMILIES, elementLayout, familyOf } from './opensearch-element.mappings';

describe('element index families', () => {
  it('puts each kind of element in the index of its family', () => {
    expect(familyOf('Malware', 'ENTITY')).toBe('domain-objects');
    expect(familyOf('x-mitre-analytic', 'ENTITY')).toBe('domain-objects');
    expect(familyOf('IPv4-Addr', 'ENTITY')).toBe('observables');
    expect(familyOf('Label', 'ENTITY')).toBe('meta-objects');
    expect(familyOf('uses', 'RELATION')).toBe('relationships');
    expect(familyOf('stix-sighting-relationship', 'RELATION')).toBe('sightings');
    expect(familyOf('Work', 'ENTITY')).toBe('internal-objects');
  });

  it('keeps the audit log apart from the other internal objects', () => {
    expect(familyOf('Activity', 'ENTITY')).toBe('activity');
    expect(elementLayout({ prefix: 'p' }).families).toEqual(ELEMENT_FAMILIES);
    expect(ELEMENT_FAMILIES).toContain('activity');
  });
});
