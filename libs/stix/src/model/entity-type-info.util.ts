import { CUSTOM_TYPE_PARENTS, ENTITY_TYPE_INDEX } from './entity-types.constants';
import { isCustomType } from './is-custom-type.util';
import type { EntityTypeInfo } from './model.types';

// Custom types come from untrusted input: cache a bounded number of synthesised entries.
const MAX_CACHED_CUSTOM_TYPES = 1000;
const customInfos = new Map<string, EntityTypeInfo>();

/**
 * The model's description of a concrete entity type; custom STIX types get a synthesised entry
 * (stixType = entityType, parents under Stix-Custom-Object). Undefined for abstract or unknown
 * non-STIX names.
 */
export function entityTypeInfo(entityType: string): EntityTypeInfo | undefined {
  const known = ENTITY_TYPE_INDEX.get(entityType);
  if (known) {
    return known;
  }
  if (!isCustomType(entityType)) {
    return undefined;
  }
  let custom = customInfos.get(entityType);
  if (!custom) {
    custom = Object.freeze({
      entityType,
      stixType: entityType,
      baseType: 'ENTITY',
      parents: CUSTOM_TYPE_PARENTS,
    });
    if (customInfos.size < MAX_CACHED_CUSTOM_TYPES) {
      customInfos.set(entityType, custom);
    }
  }
  return custom;
}
