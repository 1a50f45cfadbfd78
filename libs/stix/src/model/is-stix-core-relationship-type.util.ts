import { STIX_CORE_RELATIONSHIP_TYPES } from './relationship-types.constants';

const CORE_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(STIX_CORE_RELATIONSHIP_TYPES);

/** True for the core relationship types of data-model.md §2.1 (`uses`, `targets`, …). */
export function isStixCoreRelationshipType(type: string): boolean {
  return CORE_RELATIONSHIP_TYPES.has(type);
}
