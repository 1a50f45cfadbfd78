import { defaultFieldResolver } from 'graphql';
import type { GraphQLFieldResolver } from 'graphql';
import type { EntityStore } from '@lib/entity-store';
import type { AuthenticatedRequest } from '../../../auth/request-context.types';
import { KnowledgeLoaders } from './knowledge-loaders';
import { KnowledgeNode } from './knowledge-node';

/** The per-request part of the GraphQL context the knowledge fields need. */
export class KnowledgeRequest {
  private created?: KnowledgeLoaders;

  constructor(
    private readonly store: EntityStore,
    private readonly req: AuthenticatedRequest,
  ) {}

  /** This request's loaders, created on first use with the AccessContext the guard resolved. */
  loaders(): KnowledgeLoaders {
    if (!this.created) {
      const ctx = this.req.accessContext;
      if (!ctx) throw new Error('Knowledge fields read before authentication');
      this.created = new KnowledgeLoaders(this.store, ctx);
    }
    return this.created;
  }
}

export type KnowledgeGraphqlContext = { req: AuthenticatedRequest; knowledge: KnowledgeRequest };

/** Field resolver of the schema: knowledge nodes answer by field name, other values by property. */
export const knowledgeFieldResolver: GraphQLFieldResolver<unknown, KnowledgeGraphqlContext> = (
  source,
  args,
  context,
  info,
) =>
  source instanceof KnowledgeNode
    ? source.field(info.fieldName, context.knowledge.loaders())
    : defaultFieldResolver(source, args, context, info);
