import { entityTypeInfo } from './entity-type-info.util';

/**
 * The STIX `type` of an entity type (data-model.md §1.2): identity / location / threat-actor for
 * their subtypes, `file` for StixFile, `relationship` for core and ref relationships, `sighting`,
 * `internal-relationship`, and the lower-cased entity type for everything else.
 */
export function stixTypeOf(entityType: string): string {
  return entityTypeInfo(entityType)?.stixType ?? entityType.toLowerCase();
}
