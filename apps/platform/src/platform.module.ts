import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { BlobStoreModule } from '@lib/blob-store';
import { BootstrapModule } from '@lib/bootstrap';
import { CacheModule } from '@lib/cache';
import { ConfigModule } from '@lib/config';
import type { AppRole, Config } from '@lib/config';
import { ConnectorBusModule } from '@lib/connector-bus';
import { EntityStoreModule } from '@lib/entity-store';
import { EventStreamModule } from '@lib/event-stream';
import { JobQueueModule } from '@lib/job-queue';
import { SearchIndexModule } from '@lib/search-index';
import { SearchEngineModule } from '@lib/opensearch';
import { SqliteModule } from '@lib/sqlite';
import { HealthModule } from './health/health.module';
import { loggerOptions } from './logging/logger.options';

// Each role's code (GraphQL, UI, jobs, connectors, and the packages they require) is loaded when
// the role is asked for: a worker, or the import command that runs no role, never loads the core.
const ROLE_MODULES: Record<AppRole, () => Promise<DynamicModule>> = {
  core: async () => ({ module: (await import('./roles/core-role.module.js')).CoreModule }),
  worker: async () => ({ module: (await import('./roles/worker-role.module.js')).WorkerModule }),
  'connector-host': async () => ({
    module: (await import('./roles/connector-host-role.module.js')).ConnectorHostModule,
  }),
};

/**
 * The composition root: configuration, logging, every adapter (picked by the config's drivers),
 * the bootstrap, health, and the role modules asked for. Role modules wire no infrastructure.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: Config, roles: readonly AppRole[] = config.apps): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config.log)),
        ...storeModules(config),
        EntityStoreModule.forRoot(config.store, config.events),
        SearchIndexModule.forRoot(config.store),
        BlobStoreModule.forRoot(config.blob),
        JobQueueModule.forRoot(config.queue),
        ConnectorBusModule.forRoot(config.bus),
        CacheModule.forRoot(config.cache),
        EventStreamModule.forRoot(config.events),
        BootstrapModule,
        HealthModule,
        ...roles.map((role) => ROLE_MODULES[role]()),
      ],
    };
  }
}

// The embedded profile keeps everything in one SQLite file; the distributed one opens no file:
// every port is a shared service (a SQLite connection there would be a second, private store).
function storeModules(config: Config): DynamicModule[] {
  return config.store.driver === 'sqlite'
    ? [SqliteModule.forRoot(config.store.sqlite)]
    : [SearchEngineModule.forRoot(config.store.engine)];
}
