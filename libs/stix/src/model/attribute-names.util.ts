import { ATTRIBUTE_RENAMES } from './attribute-renames.constants';

const TO_ATTRIBUTE: ReadonlyMap<string, string> = new Map(
  ATTRIBUTE_RENAMES.map((r) => [`${r.entityType}|${r.stixName}`, r.attributeName]),
);
const TO_STIX: ReadonlyMap<string, string> = new Map(
  ATTRIBUTE_RENAMES.map((r) => [`${r.entityType}|${r.attributeName}`, r.stixName]),
);

/** The OpenCTI attribute name of a STIX property (Note `abstract` → `attribute_abstract`). */
export function stixToAttributeName(entityType: string, stixProperty: string): string {
  return TO_ATTRIBUTE.get(`${entityType}|${stixProperty}`) ?? stixProperty;
}

/** The STIX property name of an OpenCTI attribute (`attribute_key` → `key` on registry keys). */
export function attributeToStixName(entityType: string, attribute: string): string {
  return TO_STIX.get(`${entityType}|${attribute}`) ?? attribute;
}
