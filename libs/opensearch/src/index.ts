export { SearchEngine } from './search-engine.client';
export { probeSearchEngine } from './search-engine-probe.util';
export { SearchEngineModule } from './search-engine.module';
export { SearchEngineError } from './search-engine.error';
export type {
  EngineBody,
  EngineRequest,
  SearchEngineConfig,
  SearchEngineKind,
} from './search-engine.types';
export type { IndexLayout } from './index-layout.types';
export { metaIndex, readAlias, writeAlias } from './index-layout.types';
export { deleteIndices, ensureIndexLayout } from './index-setup.util';
export {
  TEST_SEARCH_ENGINES,
  connectTestSearchEngine,
  emptyIndices,
  testSearchEngineUrl,
  uniqueIndexPrefix,
} from './testing/test-search-engine';
export type { TestSearchEngine } from './testing/test-search-engine';
