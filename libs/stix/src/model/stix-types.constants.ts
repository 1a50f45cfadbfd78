import { ENTITY_TYPES } from './entity-types.constants';

// data-model.md §1.2: legacy STIX type prefixes pycti still accepts, with their entity type.
export const LEGACY_STIX_TYPES: Readonly<Record<string, string>> = {
  'x-opencti-case-incident': 'Case-Incident',
  'x-opencti-case-rfi': 'Case-Rfi',
  'x-opencti-case-rft': 'Case-Rft',
  'x-opencti-feedback': 'Feedback',
  'x-opencti-task': 'Task',
  'x-opencti-incident': 'Incident',
  'x-mitre-data-component': 'Data-Component',
  'x-mitre-data-source': 'Data-Source',
};

function buildUniqueStixTypeIndex(): ReadonlyMap<string, string> {
  const byStixType = new Map<string, string[]>();
  for (const info of ENTITY_TYPES) {
    if (info.baseType === 'ENTITY') {
      byStixType.set(info.stixType, [...(byStixType.get(info.stixType) ?? []), info.entityType]);
    }
  }
  const unique = new Map<string, string>();
  for (const [stixType, entityTypes] of byStixType) {
    const [only] = entityTypes;
    if (entityTypes.length === 1 && only !== undefined) {
      unique.set(stixType, only);
    }
  }
  for (const [stixType, entityType] of Object.entries(LEGACY_STIX_TYPES)) {
    unique.set(stixType, entityType);
  }
  return unique;
}

/** STIX types that map to exactly one entity type (identity, location, threat-actor excluded). */
export const ENTITY_TYPE_BY_STIX_TYPE: ReadonlyMap<string, string> = buildUniqueStixTypeIndex();

/** Every STIX type the model knows, including the legacy prefixes. */
export const MODELLED_STIX_TYPES: ReadonlySet<string> = new Set([
  ...ENTITY_TYPES.map((info) => info.stixType),
  ...Object.keys(LEGACY_STIX_TYPES),
]);

// STIX 2.1 §3.1: a type is 3–250 characters of a–z, 0–9 and single hyphens, starting with a letter.
export const STIX_TYPE_SYNTAX = /^(?!.*--)[a-z][a-z0-9-]{1,248}[a-z0-9]$/;
