import { ApolloDriver } from '@nestjs/apollo';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import type { MiddlewareConsumer, NestModule } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.js';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuditModule } from '@lib/audit';
import { AuthModule } from '@lib/auth';
import { Cache } from '@lib/cache';
import { AUTH_CONFIG } from '@lib/config';
import type { AuthConfig } from '@lib/config';
import { ConnectorHealthMonitor, ConnectorsModule } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import { SearchIndex } from '@lib/search-index';
import { AuthenticationMiddleware } from './auth/authentication.middleware';
import { CsrfProtection } from './auth/csrf/csrf-protection.service';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import { AuthController } from './auth/login/auth.controller';
import { LocalStrategy } from './auth/login/local.strategy';
import { CacheThrottlerStorage } from './auth/rate-limit/cache-throttler-storage.adapter';
import { RequestAuthenticator } from './auth/request-authenticator.service';
import { AuditedLogin } from './auth/login/audited-login.service';
import { SessionMiddleware } from './auth/sessions/session.middleware';
import { SessionSecretService } from './auth/sessions/session-secret.service';
import { SessionResolver } from './graphql/auth/session.resolver';
import { queryCostPlugin } from './graphql/limits/query-cost.plugin';
import { queryDepthRule } from './graphql/limits/query-depth.rule';
import type { GraphqlContext } from './auth/request-context.types';
import { AboutResolver } from './graphql/about/about.resolver';
import { AuditResolver } from './graphql/audit/audit.resolver';
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
import { SettingsMessageResolver } from './graphql/settings/settings-message.resolver';
import { SettingsEditResolver, SettingsResolver } from './graphql/settings/settings.resolver';
import { SsoController } from './auth/sso/sso.controller';
import {
  RetentionRuleEditResolver,
  RetentionRuleResolver,
} from './graphql/retention/retention-rule.resolver';
import { RetentionJobService } from './retention/retention-job.service';
import { RetentionRulesService } from './retention/retention-rules.service';
import { UI_CONTROLLERS, UI_PROVIDERS } from './ui/ui.providers';

// One uploaded file at most (pycti sends files one by one; artifacts are the largest).
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const TAXII_MAX_CONTENT_LENGTH = 104_857_600;

/** The core role: GraphQL API (knowledge reads, about), auth, REST. */
@Module({
  imports: [
    AuthModule,
    AuditModule,
    KnowledgeModule,
    ConnectorsModule,
    StreamsModule,
    SharingModule,
    DraftsModule,
    PassportModule,
    // Rate limit of /auth/* per client address, counted in the Cache port (replicas share it).
    ThrottlerModule.forRootAsync({
      inject: [Cache, AUTH_CONFIG],
      useFactory: (cache: Cache, auth: AuthConfig) => ({
        throttlers: [{ name: 'auth', ttl: 60_000, limit: auth.rateLimitPerMinute }],
        storage: new CacheThrottlerStorage(cache),
        errorMessage: 'Too many requests to /auth from this address: try again in a minute',
      }),
    }),
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [KnowledgeModule],
      inject: [EntityStore, SearchIndex, KnowledgeFileJobsService, AUTH_CONFIG],
      useFactory: (
        store: EntityStore,
        index: SearchIndex,
        files: KnowledgeFileJobsService,
        auth: AuthConfig,
      ): ApolloDriverConfig => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        // Multipart requests (file uploads) are accepted with a bearer token: a cross-site page
        // cannot send the Authorization header without a preflight. A request authenticated by
        // the session cookie alone must be JSON or carry one of these headers: a cross-site
        // simple request (form, text/plain) is refused before it runs.
        csrfPrevention: {
          requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'],
        },
        introspection: true,
        buildSchemaOptions: { orphanedTypes: knowledgeOrphanTypes() },
        transformSchema: withKnowledgeFieldResolver,
        formatError: formatGraphqlError,
        includeStacktraceInErrorResponses: false,
        validationRules: [queryDepthRule(auth.graphql.maxDepth)],
        plugins: [queryCostPlugin(auth.graphql.maxCost)],
        context: ({ req }: GraphqlContext) => ({
          req,
          knowledge: new KnowledgeRequest(store, index, req, files),
        }),
      }),
    }),
  ],
  controllers: [
    AuthController,
    StorageController,
    StreamController,
    TaxiiController,
    FeedController,
    SsoController,
    ...UI_CONTROLLERS,
  ],
  providers: [
    RequestAuthenticator,
    AuditedLogin,
    SessionSecretService,
    CsrfProtection,
    SessionMiddleware,
    AuthenticationMiddleware,
    LocalStrategy,
    SessionResolver,
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
    SettingsResolver,
    SettingsEditResolver,
    SettingsMessageResolver,
    ...EDIT_RESOLVERS,
    AuditResolver,
    RetentionRulesService,
    RetentionJobService,
    RetentionRuleResolver,
    RetentionRuleEditResolver,
    ...UI_PROVIDERS,
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
  exports: [PlatformInfoService],
})
export class CoreModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Every route: the session (and CSRF check), then who the caller is.
    consumer.apply(SessionMiddleware, AuthenticationMiddleware).forRoutes('*');
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
