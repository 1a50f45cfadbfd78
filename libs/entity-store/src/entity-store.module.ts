import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { EventStreamConfig, StoreConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { EntityStore } from './entity-store.port';
import { SqliteEntityStore } from './adapters/sqlite-entity-store.adapter';
import { OpenSearchEntityStore } from './adapters/opensearch/opensearch-entity-store.adapter';
import { EventStream } from '@lib/event-stream';
import { SearchEngine } from '@lib/opensearch';
import { Cache } from '@lib/cache';

@Global()
@Module({})
export class EntityStoreModule {
  static forRoot(store: StoreConfig, events: EventStreamConfig): DynamicModule {
    const provider = (() => {
      switch (store.driver) {
        case 'sqlite':
          return {
            provide: EntityStore,
            useFactory: (database: SqliteDatabase) =>
              new SqliteEntityStore(database, { maxEvents: events.maxEvents }),
            inject: [SqliteDatabase],
          };
        case 'search-engine': {
          const { engine: settings } = store;
          return {
            provide: EntityStore,
            // Index setup is versioned and runs once under the cluster-side lock.
            useFactory: (engine: SearchEngine, stream: EventStream, locks: Cache) =>
              OpenSearchEntityStore.open({
                engine,
                events: stream,
                locks,
                prefix: settings.indexPrefix,
                shards: settings.shards,
                replicas: settings.replicas,
              }),
            inject: [SearchEngine, EventStream, Cache],
          };
        }
        default:
          return assertNever(store, 'store driver');
      }
    })();
    return { module: EntityStoreModule, providers: [provider], exports: [EntityStore] };
  }
}
