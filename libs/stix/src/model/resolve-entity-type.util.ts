import { AppError } from '@lib/kernel';
import { ABSTRACT_TYPE } from './abstract-types.constants';
import { concreteTypesOf } from './concrete-types-of.util';
import { STIX_SIGHTING_RELATIONSHIP } from './relationship-types.constants';
import { ENTITY_TYPE_BY_STIX_TYPE } from './stix-types.constants';

// data-model.md §5.1: the OpenCTI core extension carries the entity type as `type`.
const OCTI_EXTENSION = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';

const IDENTITY_BY_CLASS: Readonly<Record<string, string>> = {
  individual: 'Individual',
  organization: 'Organization',
  class: 'Sector',
  system: 'System',
  securityplatform: 'SecurityPlatform',
};

type StixRecord = Readonly<Record<string, unknown>>;

function stringField(record: StixRecord, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function extensionField(stix: StixRecord, key: string): string | undefined {
  const extensions = stix.extensions;
  if (typeof extensions !== 'object' || extensions === null) {
    return undefined;
  }
  const octi: unknown = (extensions as StixRecord)[OCTI_EXTENSION];
  return typeof octi === 'object' && octi !== null
    ? stringField(octi as StixRecord, key)
    : undefined;
}

// The OpenCTI-declared subtype: legacy top-level `x_opencti_*` properties first, then the core
// extension's fields; matched case-insensitively against the subtypes of one family.
function declaredSubtype(
  stix: StixRecord,
  family: string,
  topLevelKeys: readonly string[],
  extensionKeys: readonly string[],
): string | undefined {
  const declared = [
    ...topLevelKeys.map((key) => stringField(stix, key)),
    ...extensionKeys.map((key) => extensionField(stix, key)),
  ];
  const subtypes = concreteTypesOf(family);
  for (const candidate of declared) {
    const match = candidate && subtypes.find((t) => t.toLowerCase() === candidate.toLowerCase());
    if (match) {
      return match;
    }
  }
  return undefined;
}

function identityType(stix: StixRecord): string {
  const declared = declaredSubtype(stix, ABSTRACT_TYPE.identity, ['x_opencti_type'], ['type']);
  const byClass = IDENTITY_BY_CLASS[stringField(stix, 'identity_class')?.toLowerCase() ?? ''];
  // pycti imports any other identity_class as an Organization.
  return declared ?? byClass ?? 'Organization';
}

// Without a declared location type, infer from the STIX address fields (most specific first),
// then coordinates; a bare named location falls back to Position, as pycti does.
function locationType(stix: StixRecord): string {
  const declared = declaredSubtype(
    stix,
    ABSTRACT_TYPE.location,
    ['x_opencti_location_type', 'x_opencti_type'],
    ['location_type', 'type'],
  );
  if (declared) {
    return declared;
  }
  if (stix.city !== undefined) {
    return 'City';
  }
  if (stix.country !== undefined) {
    return 'Country';
  }
  return stix.region !== undefined ? 'Region' : 'Position';
}

function threatActorType(stix: StixRecord): string {
  const declared = declaredSubtype(stix, ABSTRACT_TYPE.threatActor, ['x_opencti_type'], ['type']);
  if (declared) {
    return declared;
  }
  const level = stringField(stix, 'resource_level')?.toLowerCase();
  return level === 'individual' ? 'Threat-Actor-Individual' : 'Threat-Actor-Group';
}

/**
 * The entity type of a STIX object given as a plain record (data-model.md §1.2 reverse mapping).
 * Relationships resolve to their relationship_type, sightings to stix-sighting-relationship,
 * unmodelled types to the STIX type itself (a custom type).
 */
export function resolveEntityType(stix: StixRecord): string {
  const type = stringField(stix, 'type');
  if (type === undefined) {
    throw new AppError({
      code: 'STIX_TYPE_MISSING',
      category: 'validation',
      message: 'Cannot resolve the entity type of a STIX object without a string `type`',
    });
  }
  switch (type) {
    case 'relationship':
      return stringField(stix, 'relationship_type') ?? type;
    case 'sighting':
      return STIX_SIGHTING_RELATIONSHIP;
    case 'identity':
      return identityType(stix);
    case 'location':
      return locationType(stix);
    case 'threat-actor':
      return threatActorType(stix);
    default:
      return ENTITY_TYPE_BY_STIX_TYPE.get(type) ?? type;
  }
}
