// graphql-upload 15 is CommonJS with JSDoc types only; these are the two entry points used.

declare module 'graphql-upload/GraphQLUpload.js' {
  import type { GraphQLScalarType } from 'graphql';
  const GraphQLUpload: GraphQLScalarType;
  export = GraphQLUpload;
}

declare module 'graphql-upload/graphqlUploadExpress.js' {
  import type { RequestHandler } from 'express';
  function graphqlUploadExpress(options?: {
    maxFieldSize?: number;
    maxFileSize?: number;
    maxFiles?: number;
  }): RequestHandler;
  export = graphqlUploadExpress;
}
