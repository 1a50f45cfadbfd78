import { ApolloDriver } from '@nestjs/apollo';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@lib/auth';
import { EntityStore } from '@lib/entity-store';
import { SearchIndex } from '@lib/search-index';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import type { GraphqlContext } from './auth/request-context.types';
import { AboutResolver } from './graphql/about/about.resolver';
import { formatGraphqlError } from './graphql/graphql-error.util';
import { ContainerObjectsResolver } from './graphql/knowledge/container-objects.resolver';
import { KnowledgeResolver } from './graphql/knowledge/knowledge.resolver';
import { withKnowledgeFieldResolver } from './graphql/knowledge/read/knowledge-field-resolver.util';
import { KnowledgeRequest } from './graphql/knowledge/read/knowledge-request.service';
import { KnowledgeReadService } from './graphql/knowledge/read/knowledge-read.service';
import { knowledgeOrphanTypes } from './graphql/knowledge/schema/knowledge-types.model';
import { PlatformInfoService } from './platform-info.service';

/** The core role: GraphQL API (knowledge reads, about), auth, REST. */
@Module({
  imports: [
    AuthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [EntityStore, SearchIndex],
      useFactory: (store: EntityStore, index: SearchIndex): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        introspection: true,
        buildSchemaOptions: { orphanedTypes: knowledgeOrphanTypes() },
        transformSchema: withKnowledgeFieldResolver,
        formatError: formatGraphqlError,
        context: ({ req }: GraphqlContext) => ({
          req,
          knowledge: new KnowledgeRequest(store, index, req),
        }),
      }),
    }),
  ],
  providers: [
    PlatformInfoService,
    AboutResolver,
    KnowledgeReadService,
    KnowledgeResolver,
    ContainerObjectsResolver,
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
  exports: [PlatformInfoService],
})
export class CoreModule {}
