import { ABSTRACT_PARENTS, ABSTRACT_TYPE } from './abstract-types.constants';
import type { AbstractType } from './abstract-types.constants';
import { DOMAIN_TYPE_ROWS, META_TYPE_ROWS } from './domain-types.constants';
import { INTERNAL_OBJECT_TYPES } from './internal-types.constants';
import type { EntityTypeInfo } from './model.types';
import { OBSERVABLE_TYPE_ROWS } from './observable-types.constants';
import {
  INTERNAL_RELATIONSHIP_TYPES,
  REF_RELATIONSHIP_TYPES,
  STIX_CORE_RELATIONSHIP_TYPES,
  STIX_SIGHTING_RELATIONSHIP,
} from './relationship-types.constants';

const A = ABSTRACT_TYPE;

function chainFrom(abstract: AbstractType): readonly string[] {
  return [abstract, ...ABSTRACT_PARENTS[abstract]];
}

function entity(entityType: string, stixType: string, parent: AbstractType): EntityTypeInfo {
  return { entityType, stixType, baseType: 'ENTITY', parents: chainFrom(parent) };
}

function relation(entityType: string, stixType: string, parent: AbstractType): EntityTypeInfo {
  return { entityType, stixType, baseType: 'RELATION', parents: chainFrom(parent) };
}

function buildEntityTypes(): readonly EntityTypeInfo[] {
  const rows = [...DOMAIN_TYPE_ROWS, ...META_TYPE_ROWS].map((r) => {
    const info = entity(r.entityType, r.stixType, r.parent);
    return r.aliasField ? { ...info, aliasField: r.aliasField } : info;
  });
  return [
    ...rows,
    ...OBSERVABLE_TYPE_ROWS.map((r) =>
      entity(r.entityType, r.stixType, r.hashed ? A.hashedObservable : A.stixCyberObservable),
    ),
    ...INTERNAL_OBJECT_TYPES.map((t) => entity(t, t.toLowerCase(), A.internalObject)),
    // §1.2: core and ref relationships are `relationship` in STIX, internal ones are not STIX.
    ...STIX_CORE_RELATIONSHIP_TYPES.map((t) => relation(t, 'relationship', A.stixCoreRelationship)),
    relation(STIX_SIGHTING_RELATIONSHIP, 'sighting', A.stixRelationship),
    ...REF_RELATIONSHIP_TYPES.map((t) => relation(t, 'relationship', A.stixRefRelationship)),
    ...INTERNAL_RELATIONSHIP_TYPES.map((t) =>
      relation(t, 'internal-relationship', A.internalRelationship),
    ),
  ].map((info) => Object.freeze(info));
}

/** Every concrete entity and relationship type of the model (data-model.md §1, §2). */
export const ENTITY_TYPES: readonly EntityTypeInfo[] = buildEntityTypes();

/** Lookup of ENTITY_TYPES by entity type (case-sensitive). */
export const ENTITY_TYPE_INDEX: ReadonlyMap<string, EntityTypeInfo> = new Map(
  ENTITY_TYPES.map((info) => [info.entityType, info]),
);

/** Parent chain of a custom (unmodelled) STIX type. */
export const CUSTOM_TYPE_PARENTS: readonly string[] = chainFrom(A.stixCustomObject);

function buildConcreteIndex(): ReadonlyMap<string, readonly string[]> {
  const index = new Map<string, string[]>();
  for (const abstract of Object.keys(ABSTRACT_PARENTS)) {
    index.set(abstract, []);
  }
  for (const info of ENTITY_TYPES) {
    for (const parent of info.parents) {
      index.get(parent)?.push(info.entityType);
    }
  }
  return index;
}

/** Concrete descendants of every abstract type, in ENTITY_TYPES order. */
export const CONCRETE_TYPES_BY_ABSTRACT: ReadonlyMap<string, readonly string[]> =
  buildConcreteIndex();
