import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { EventStreamConfig, StoreConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { EntityStore } from './entity-store.port';
import { SqliteEntityStore } from './adapters/sqlite-entity-store.adapter';

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
        default:
          return assertNever(store.driver, 'store driver');
      }
    })();
    return { module: EntityStoreModule, providers: [provider], exports: [EntityStore] };
  }
}
