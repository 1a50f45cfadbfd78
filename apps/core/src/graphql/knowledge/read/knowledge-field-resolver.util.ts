import { defaultFieldResolver, isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { KnowledgeGraphqlContext } from './knowledge-context.types';
import { KnowledgeNode } from './knowledge-node.model';

// Fields answered by a Nest field resolver of their own (container-objects.resolver.ts).
const RESOLVER_FIELDS = new Set(['objects']);

/**
 * Puts the knowledge field resolver in front of the property resolvers the code-first builder
 * gives every field: a KnowledgeNode answers by field name, any other value keeps the default.
 */
export function withKnowledgeFieldResolver(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (RESOLVER_FIELDS.has(field.name)) continue;
      const inner = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: KnowledgeGraphqlContext, info) =>
        source instanceof KnowledgeNode
          ? source.field(info.fieldName, context.knowledge.loaders())
          : inner(source, args, context, info);
    }
  }
  return schema;
}
