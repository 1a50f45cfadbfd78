import { ABSTRACT_PARENTS, LEGACY_ABSTRACT_ALIASES } from './abstract-types.constants';
import { entityTypeInfo } from './entity-type-info.util';

const ABSTRACT_PARENT_INDEX: ReadonlyMap<string, readonly string[]> = new Map([
  ...Object.entries(ABSTRACT_PARENTS),
  ...Object.entries(LEGACY_ABSTRACT_ALIASES).map(
    ([legacy, abstract]) => [legacy, ABSTRACT_PARENTS[abstract]] as const,
  ),
]);

/**
 * Every abstract ancestor of a type, nearest first (Malware → Stix-Domain-Object,
 * Stix-Core-Object, Stix-Object, Basic-Object). Works for abstract types too; [] when unknown.
 */
export function parentTypes(type: string): readonly string[] {
  return entityTypeInfo(type)?.parents ?? ABSTRACT_PARENT_INDEX.get(type) ?? [];
}
