import { Field, Int, InterfaceType, ObjectType, createUnionType } from '@nestjs/graphql';
import type { ReturnTypeFuncValue } from '@nestjs/graphql';
import { graphqlTypeName, concreteObjectTypes } from './type-names.util';
import { leafKind } from './leaf-kinds.util';
import type { LeafKind } from './leaf-kinds.util';
import { SELECTED_LEAF_FIELDS } from './selected-fields.constants';
import {
  BASE_LEAF_FIELDS,
  INTERFACES,
  OBJECT_FIELDS,
  SUPPORT_TYPES,
} from './type-catalogue.constants';
import type { ObjectFieldSpec } from './type-catalogue.constants';
import { AnyScalar, DateTimeScalar } from './scalars.constants';

// The knowledge types are built from the catalogue with the code-first decorators applied in a
// loop: ~100 types share one field rule, and writing them out by hand would only add drift.

type TypeClass = new () => object;
type GqlTypeRef = ReturnTypeFuncValue;

const classes = new Map<string, TypeClass>();
const connections = new Map<string, TypeClass>();
const CONCRETE = concreteObjectTypes();

/** Name of the GraphQL type a stored value designates (`__typename` of interfaces and unions). */
export type Typed = { readonly graphqlType: string };

function resolveTypeName(value: Typed): string {
  return value.graphqlType;
}

const protoOf = (target: TypeClass): object => target.prototype as object;

function newClass(name: string): TypeClass {
  const holder = { [name]: class {} };
  return holder[name] as TypeClass;
}

function scalarOf(kind: LeafKind): GqlTypeRef | [GqlTypeRef] {
  switch (kind) {
    case 'Int':
      return Int;
    case 'Float':
      return Number;
    case 'Boolean':
      return Boolean;
    case 'DateTime':
      return DateTimeScalar;
    case 'StringList':
      return [String];
    case 'Any':
      return AnyScalar;
    default:
      return String;
  }
}

function classOf(name: string): TypeClass {
  const found = classes.get(name);
  if (!found) throw new Error(`GraphQL type ${name} is not defined`);
  return found;
}

/** `<Node>Connection { edges { cursor node } pageInfo }`, one per node type. */
export function connectionOf(node: string): TypeClass {
  const existing = connections.get(node);
  if (existing) return existing;
  const edge = newClass(`${node}Edge`);
  Field(() => String, { nullable: true })(protoOf(edge), 'cursor');
  Field(() => (node === UNION_NAME ? StixObjectOrStixRelationship : classOf(node)), {
    nullable: true,
  })(protoOf(edge), 'node');
  ObjectType(`${node}Edge`)(edge);
  const connection = newClass(`${node}Connection`);
  Field(() => [edge], { nullable: true })(protoOf(connection), 'edges');
  Field(() => classOf('PageInfo'), { nullable: true })(protoOf(connection), 'pageInfo');
  ObjectType(`${node}Connection`)(connection);
  connections.set(node, connection);
  return connection;
}

function leafFieldsOf(name: string): Set<string> {
  const own = [SELECTED_LEAF_FIELDS[name], BASE_LEAF_FIELDS[name]].filter(Boolean).join(' ');
  return new Set(own.split(' ').filter(Boolean));
}

function objectFieldsOf(name: string, interfaces: readonly string[]): ObjectFieldSpec[] {
  const byName = new Map<string, ObjectFieldSpec>();
  for (const source of [...interfaces, name]) {
    for (const spec of OBJECT_FIELDS[source] ?? []) byName.set(spec.name, spec);
  }
  return [...byName.values()];
}

function declareFields(target: TypeClass, name: string, interfaces: readonly string[]): void {
  const objectFields = objectFieldsOf(name, interfaces);
  const objectNames = new Set(objectFields.map((s) => s.name));
  const leaves = new Set<string>();
  for (const source of [...interfaces, name]) leafFieldsOf(source).forEach((l) => leaves.add(l));
  for (const leaf of [...leaves].sort()) {
    if (objectNames.has(leaf)) continue;
    const type = leaf === 'id' ? String : scalarOf(leafKind(leaf));
    Field(() => type, { nullable: true })(protoOf(target), leaf);
  }
  for (const spec of objectFields) {
    const ref = (): ReturnTypeFuncValue => {
      if (spec.shape === 'connection') return connectionOf(spec.target);
      const t = spec.target === UNION_NAME ? StixObjectOrStixRelationship : classOf(spec.target);
      return spec.shape === 'list' ? [t] : t;
    };
    Field(ref, { nullable: true })(protoOf(target), spec.name);
  }
}

const UNION_NAME = 'StixObjectOrStixRelationship';

function defineInterface(name: string): void {
  const target = newClass(name);
  classes.set(name, target);
}

function defineAll(): void {
  for (const name of Object.keys(INTERFACES)) defineInterface(name);
  for (const name of [...CONCRETE.keys(), ...SUPPORT_TYPES]) classes.set(name, newClass(name));
  for (const [name, parents] of Object.entries(INTERFACES)) {
    const target = classOf(name);
    declareFields(target, name, parents);
    InterfaceType(name, {
      implements: () => parents.map(classOf),
      resolveType: (value: Typed) => resolveTypeName(value),
    })(target);
  }
  for (const [name, interfaces] of CONCRETE) {
    const target = classOf(name);
    declareFields(target, name, interfaces);
    ObjectType(name, { implements: () => interfaces.map(classOf) })(target);
  }
  for (const name of SUPPORT_TYPES) {
    const target = classOf(name);
    declareFields(target, name, []);
    ObjectType(name)(target);
  }
  // Connection types must be registered before the schema is compiled, not inside type thunks.
  for (const specs of Object.values(OBJECT_FIELDS)) {
    specs.filter((s) => s.shape === 'connection').forEach((s) => connectionOf(s.target));
  }
}

defineAll();

/** Every element an id can designate: entities and relationships of any kind. */
export const StixObjectOrStixRelationship = createUnionType({
  name: UNION_NAME,
  types: () => [...CONCRETE.keys()].map(classOf) as [TypeClass, ...TypeClass[]],
  resolveType: (value: Typed) => resolveTypeName(value),
});

/** The class of a knowledge type (for resolvers' return types). */
export function knowledgeType(name: string): TypeClass {
  return classOf(name);
}

/** Every concrete knowledge type: the schema must list them, interfaces alone don't reach them. */
export function knowledgeOrphanTypes(): TypeClass[] {
  return [...CONCRETE.keys(), ...SUPPORT_TYPES].map(classOf);
}

export { graphqlTypeName };
