import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { AboutResolver } from '../../about/about.resolver';
import { ConnectorResolver } from '../../connectors/connector.resolver';
import { WorkEditResolver, WorkResolver } from '../../connectors/work.resolver';
import { ContainerObjectsResolver } from '../container-objects.resolver';
import { KnowledgeResolver } from '../knowledge.resolver';
import { knowledgeOrphanTypes } from '../schema/knowledge-types.model';
import { EDIT_RESOLVERS } from '../write/edit-mutations.resolver';
import { KnowledgeMutationsResolver } from '../write/knowledge-mutations.resolver';
import { FileOperationsResolver } from '../write/file-operations.resolver';

/** The core GraphQL schema, built from the code-first metadata without a server (for tests). */
export async function buildCoreSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const factory = app.get(GraphQLSchemaFactory);
    return await factory.create(
      [
        AboutResolver,
        ConnectorResolver,
        WorkResolver,
        WorkEditResolver,
        KnowledgeResolver,
        ContainerObjectsResolver,
        KnowledgeMutationsResolver,
        FileOperationsResolver,
        ...EDIT_RESOLVERS,
      ],
      {
        orphanedTypes: knowledgeOrphanTypes(),
      },
    );
  } finally {
    await app.close();
  }
}
