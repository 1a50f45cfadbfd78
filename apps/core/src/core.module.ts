import { ApolloDriver } from '@nestjs/apollo';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@lib/auth';
import { GraphqlAuthGuard } from './auth/graphql-auth.guard';
import type { GraphqlContext } from './auth/request-context.types';
import { AboutResolver } from './graphql/about/about.resolver';
import { PlatformInfoService } from './platform-info.service';

/** The core role: GraphQL API (grows with the knowledge API issue), auth, REST. */
@Module({
  imports: [
    AuthModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: true,
      context: ({ req }: GraphqlContext) => ({ req }),
    }),
  ],
  providers: [
    PlatformInfoService,
    AboutResolver,
    { provide: APP_GUARD, useClass: GraphqlAuthGuard },
  ],
  exports: [PlatformInfoService],
})
export class CoreModule {}
