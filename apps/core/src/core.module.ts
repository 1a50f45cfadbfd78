import { ApolloDriver } from '@nestjs/apollo';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.js';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@lib/auth';
import { ConnectorHealthMonitor, ConnectorsModule } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import { SearchIndex } from '@lib/search-index';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import type { GraphqlContext } from './auth/request-context.types';
import { AboutResolver } from './graphql/about/about.resolver';
import { ConnectorResolver } from './graphql/connectors/connector.resolver';
import { WorkEditResolver, WorkResolver } from './graphql/connectors/work.resolver';
import { formatGraphqlError } from './graphql/graphql-error.util';
import { ContainerObjectsResolver } from './graphql/knowledge/container-objects.resolver';
import { KnowledgeResolver } from './graphql/knowledge/knowledge.resolver';
import { withKnowledgeFieldResolver } from './graphql/knowledge/read/knowledge-field-resolver.util';
import { KnowledgeRequest } from './graphql/knowledge/read/knowledge-request.service';
import { KnowledgeReadService } from './graphql/knowledge/read/knowledge-read.service';
import { knowledgeOrphanTypes } from './graphql/knowledge/schema/knowledge-types.model';
import { EDIT_RESOLVERS } from './graphql/knowledge/write/edit-mutations.resolver';
import { KnowledgeMutationsResolver } from './graphql/knowledge/write/knowledge-mutations.resolver';
import { KnowledgeWriteService } from './graphql/knowledge/write/knowledge-write.service';
import { DraftsModule } from '@lib/drafts';
import { DraftWorkspaceResolver } from './graphql/drafts/draft-workspace.resolver';
import { FileWriteService } from './graphql/knowledge/write/file-write.service';
import { FileOperationsResolver } from './graphql/knowledge/write/file-operations.resolver';
import { KnowledgeFileJobsService, KnowledgeModule } from '@lib/knowledge';
import { StorageController } from './storage/storage.controller';
import { StreamController } from './streams/stream.controller';
import {
  StreamCollectionEditResolver,
  StreamCollectionResolver,
} from './graphql/streams/stream-collection.resolver';
import { StreamsModule } from '@lib/streams';
import { SharingModule } from '@lib/sharing';
import { json } from 'express';
import { TaxiiController } from './taxii/taxii.controller';
import { FeedController } from './feeds/feed.controller';
import { FeedEditResolver, FeedResolver } from './graphql/sharing/feed.resolver';
import {
  TaxiiCollectionEditResolver,
  TaxiiCollectionResolver,
} from './graphql/sharing/taxii-collection.resolver';
import { PlatformInfoService } from './platform-info.service';
import { AccessFieldsService } from './graphql/access/access-fields.service';
import { GroupEditResolver, GroupResolver } from './graphql/access/group.resolver';
import { RoleEditResolver, RoleResolver } from './graphql/access/role.resolver';
import { UserEditResolver, UserResolver } from './graphql/access/user.resolver';
import { interimSession } from './auth/sso/interim-session.middleware';
import { SsoController } from './auth/sso/sso.controller';

// One uploaded file at most (pycti sends files one by one; artifacts are the largest).
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const TAXII_MAX_CONTENT_LENGTH = 104_857_600;

/** The core role: GraphQL API (knowledge reads, about), auth, REST. */
@Module({
  imports: [
    AuthModule,
    KnowledgeModule,
    ConnectorsModule,
    StreamsModule,
    SharingModule,
    DraftsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [KnowledgeModule],
      inject: [EntityStore, SearchIndex, KnowledgeFileJobsService],
      useFactory: (
        store: EntityStore,
        index: SearchIndex,
        files: KnowledgeFileJobsService,
      ): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        // Multipart requests (file uploads) are accepted with a bearer token: a cross-site page
        // cannot send the Authorization header without a preflight.
        csrfPrevention: {
          requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'],
        },
        introspection: true,
        buildSchemaOptions: { orphanedTypes: knowledgeOrphanTypes() },
        transformSchema: withKnowledgeFieldResolver,
        formatError: formatGraphqlError,
        context: ({ req }: GraphqlContext) => ({
          req,
          knowledge: new KnowledgeRequest(store, index, req, files),
        }),
      }),
    }),
  ],
  controllers: [
    StorageController,
    StreamController,
    TaxiiController,
    FeedController,
    SsoController,
  ],
  providers: [
    PlatformInfoService,
    AboutResolver,
    ConnectorResolver,
    ConnectorHealthMonitor,
    WorkResolver,
    WorkEditResolver,
    KnowledgeReadService,
    KnowledgeResolver,
    ContainerObjectsResolver,
    KnowledgeWriteService,
    FileWriteService,
    FileOperationsResolver,
    KnowledgeMutationsResolver,
    StreamCollectionResolver,
    DraftWorkspaceResolver,
    StreamCollectionEditResolver,
    TaxiiCollectionResolver,
    TaxiiCollectionEditResolver,
    FeedResolver,
    FeedEditResolver,
    AccessFieldsService,
    UserResolver,
    UserEditResolver,
    GroupResolver,
    GroupEditResolver,
    RoleResolver,
    RoleEditResolver,
    ...EDIT_RESOLVERS,
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
  exports: [PlatformInfoService],
})
export class CoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(interimSession()).forRoutes('*path');
    // GraphQL multipart requests (importPush, files of creates); other requests pass through.
    consumer
      .apply(graphqlUploadExpress({ maxFileSize: MAX_UPLOAD_BYTES, maxFiles: 20 }))
      .forRoutes('graphql');
    // TAXII envelopes: their own media types, up to the API root's max_content_length.
    consumer
      .apply(
        json({
          type: ['application/taxii+json', 'application/stix+json', 'application/json'],
          limit: TAXII_MAX_CONTENT_LENGTH,
        }),
      )
      .forRoutes('taxii2');
  }
}
