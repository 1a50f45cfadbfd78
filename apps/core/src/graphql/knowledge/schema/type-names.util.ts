import { ENTITY_TYPES, isCustomType, isTypeOf } from '@lib/stix';
import { ABSTRACT_TO_INTERFACE, EXTRA_OBJECT_TYPES } from './type-catalogue.constants';

/** GraphQL object type of a stored element's entity type. */
export function graphqlTypeName(entityType: string): string {
  if (isTypeOf(entityType, 'stix-core-relationship')) return 'StixCoreRelationship';
  if (isTypeOf(entityType, 'stix-sighting-relationship')) return 'StixSightingRelationship';
  if (isTypeOf(entityType, 'basic-relationship')) return 'StixRefRelationship';
  if (isCustomType(entityType)) return 'StixCustomObject';
  return entityType.replace(/-/g, '');
}

/** Concrete GraphQL object types with the interfaces they implement. */
export function concreteObjectTypes(): ReadonlyMap<string, readonly string[]> {
  const types = new Map<string, readonly string[]>();
  for (const info of ENTITY_TYPES) {
    if (info.baseType !== 'ENTITY' || info.parents.includes('Internal-Object')) continue;
    const interfaces = info.parents
      .map((p) => ABSTRACT_TO_INTERFACE[p])
      .filter((i): i is string => i !== undefined);
    types.set(graphqlTypeName(info.entityType), interfaces);
  }
  for (const [name, interfaces] of Object.entries(EXTRA_OBJECT_TYPES)) {
    types.set(name, interfaces);
  }
  return types;
}
