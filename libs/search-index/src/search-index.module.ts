import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { StoreConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { SearchIndex } from './search-index.port';
import { SqliteSearchIndex } from './adapters/sqlite-search-index.adapter';

@Global()
@Module({})
export class SearchIndexModule {
  static forRoot(store: StoreConfig): DynamicModule {
    const provider = (() => {
      switch (store.driver) {
        case 'sqlite':
          return {
            provide: SearchIndex,
            useFactory: (database: SqliteDatabase) => new SqliteSearchIndex(database),
            inject: [SqliteDatabase],
          };
        default:
          return assertNever(store.driver, 'store driver');
      }
    })();
    return { module: SearchIndexModule, providers: [provider], exports: [SearchIndex] };
  }
}
