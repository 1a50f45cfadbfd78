import { GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literal(field.value)]),
      );
    default:
      return undefined;
  }
}

/** Any JSON value (filter values, free-form attributes). */
export const AnyScalar = new GraphQLScalarType({
  name: 'Any',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

/** An ISO 8601 timestamp, kept as the stored string. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO 8601 date-time string.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});

/** Any id form of an element (internal id, standard id, STIX id), or a list of them. */
export const StixRefScalar = new GraphQLScalarType({
  name: 'StixRef',
  description: 'An element id in any form, or a list of ids.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literal,
});
