import { attributeToStixName, stixToAttributeName } from './attribute-names.util';

describe(stixToAttributeName.name, () => {
  it.each([
    ['Note', 'abstract', 'attribute_abstract'],
    ['Email-Message', 'date', 'attribute_date'],
    ['Windows-Registry-Key', 'key', 'attribute_key'],
    ['stix-sighting-relationship', 'count', 'attribute_count'],
    ['Data-Source', 'platforms', 'x_mitre_platforms'],
    ['Attack-Pattern', 'x_mitre_platforms', 'x_mitre_platforms'],
    ['Report', 'abstract', 'abstract'],
    ['Malware', 'name', 'name'],
  ])('%s %s → %s', (entityType, property, expected) => {
    expect(stixToAttributeName(entityType, property)).toBe(expected);
    expect(attributeToStixName(entityType, expected)).toBe(property);
  });
});
