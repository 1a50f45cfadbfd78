import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import type { StoreConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { SearchIndex } from './search-index.port';
import { SqliteSearchIndex } from './adapters/sqlite-search-index.adapter';
import { OpenSearchSearchIndex } from './adapters/opensearch/opensearch-search-index.adapter';
import { SearchEngine } from '@lib/opensearch';

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
        case 'search-engine': {
          const { engine: settings } = store;
          return {
            provide: SearchIndex,
            useFactory: (engine: SearchEngine) =>
              OpenSearchSearchIndex.open({
                engine,
                prefix: settings.indexPrefix,
                shards: settings.shards,
                replicas: settings.replicas,
              }),
            inject: [SearchEngine],
          };
        }
        default:
          return assertNever(store, 'store driver');
      }
    })();
    return { module: SearchIndexModule, providers: [provider], exports: [SearchIndex] };
  }
}
