import { GraphQLScalarType } from 'graphql';
import GraphQLUpload from 'graphql-upload/GraphQLUpload.js';

/** A STIX id (`type--uuid`), as clients declare `stix_id` variables. */
export const StixIdScalar = new GraphQLScalarType({
  name: 'StixId',
  description: 'A STIX identifier, `<type>--<uuid>`.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node) => ('value' in node ? node.value : null),
});

/**
 * A file of a multipart request (GraphQL multipart request specification); resolvers receive a
 * promise of `{ filename, mimetype, createReadStream }`.
 */
export const UploadScalar: GraphQLScalarType = GraphQLUpload;
