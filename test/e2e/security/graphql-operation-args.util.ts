import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import type { GraphQLField, GraphQLInputType } from 'graphql';

const SCALAR_VALUES: Record<string, unknown> = {
  Int: 1,
  Float: 1,
  Boolean: false,
  DateTime: '2020-01-01T00:00:00.000Z',
  JSON: {},
  Any: 'x',
};

/** A value GraphQL accepts for an input type (required input fields filled, recursively). */
export function sampleValue(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, depth);
  if (isListType(type)) return [sampleValue(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) return type.name in SCALAR_VALUES ? SCALAR_VALUES[type.name] : 'x';
  if (isInputObjectType(type) && depth < 6) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, sampleValue(f.type, depth + 1)]),
    );
  }
  return null;
}

/** `{ query, variables }` calling one root field with every required argument. */
export function operationCall(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): { query: string; variables: Record<string, unknown> } | undefined {
  const required = field.args.filter((a) => isNonNullType(a.type));
  if (required.some((a) => getNamedType(a.type).name === 'Upload')) return undefined;
  const declared = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const passed = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return {
    query:
      `${kind} Probe${declared ? `(${declared})` : ''} { ` +
      `${field.name}${passed ? `(${passed})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)])),
  };
}
