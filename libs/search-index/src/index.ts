export { SearchIndex } from './search-index.port';
export type { CountQuery, OrderMode, SearchQuery } from './search-query.types';
export { InvalidQueryError } from './errors/search-index.error';
export { SearchIndexModule } from './search-index.module';
export { describeSearchIndexContract } from './testing/search-index.contract';
export { SqliteSearchIndex } from './adapters/sqlite-search-index.adapter';
export { OpenSearchSearchIndex } from './adapters/opensearch/opensearch-search-index.adapter';
export type { OpenSearchSearchIndexOptions } from './adapters/opensearch/opensearch-search-index.adapter';
