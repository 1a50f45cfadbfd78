import { ATTRIBUTE_RENAMES } from './attribute-renames.constants';

// Entity type → name → renamed name: two look-ups, no key string built per property.
function renames(from: 'stixName' | 'attributeName', to: 'stixName' | 'attributeName') {
  const byType = new Map<string, Map<string, string>>();
  for (const rename of ATTRIBUTE_RENAMES) {
    let names = byType.get(rename.entityType);
    if (!names) {
      names = new Map();
      byType.set(rename.entityType, names);
    }
    names.set(rename[from], rename[to]);
  }
  return byType as ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const TO_ATTRIBUTE = renames('stixName', 'attributeName');
const TO_STIX = renames('attributeName', 'stixName');

/** The OpenCTI attribute name of a STIX property (Note `abstract` → `attribute_abstract`). */
export function stixToAttributeName(entityType: string, stixProperty: string): string {
  return TO_ATTRIBUTE.get(entityType)?.get(stixProperty) ?? stixProperty;
}

/** The STIX property name of an OpenCTI attribute (`attribute_key` → `key` on registry keys). */
export function attributeToStixName(entityType: string, attribute: string): string {
  return TO_STIX.get(entityType)?.get(attribute) ?? attribute;
}
