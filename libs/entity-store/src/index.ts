export { EntityStore } from './entity-store.port';
export type { BaseType, ElementHead, RelationProbe, StoredElement } from './element.types';
export { headOf } from './element-head.util';
export type { CommitResult, ElementDelete, ElementWrite, WriteBatch } from './write-batch.types';
export {
  CommitSkippedError,
  StoreUnavailableError,
  VersionConflictError,
} from './errors/entity-store.error';
export { EntityStoreModule } from './entity-store.module';
export { deleteElement, updateElement } from './update-element.util';
export { stixOfElement, targetLookup } from './stix-lookup.util';
export { SqliteEntityStore } from './adapters/sqlite-entity-store.adapter';
// The embedded element tables, for the SQLite search index that queries them.
export {
  ELEMENT_COLUMNS,
  decodeElementRow,
  internalIdForms,
  keyHash,
  migrateElementTables,
} from './adapters/sqlite-element-tables';
export type { ElementRow } from './adapters/sqlite-element-tables';
export { compileAccessRule } from './adapters/sqlite-access.sql';
export type { SqlFragment } from './adapters/sqlite-access.sql';
export { describeEntityStoreContract } from './testing/entity-store.contract';
export { buildElement } from './testing/element.factory';
// The distributed element indices (Elasticsearch/OpenSearch), for the search index that queries them.
export { OpenSearchEntityStore } from './adapters/opensearch/opensearch-entity-store.adapter';
export type { OpenSearchEntityStoreOptions } from './adapters/opensearch/opensearch-entity-store.adapter';
export { compileAccessQuery } from './adapters/opensearch/opensearch-access.query';
export type { QueryClause } from './adapters/opensearch/opensearch-access.query';
export {
  ELEMENT_SOURCE_FIELDS,
  fromElementDocument,
} from './adapters/opensearch/opensearch-element.document';
export type { ElementDocument } from './adapters/opensearch/opensearch-element.document';
export {
  DATE_ATTRIBUTES,
  ELEMENT_COMPONENT,
  NUMBER_ATTRIBUTES,
  SORT_ATTRIBUTES,
  elementLayout,
} from './adapters/opensearch/opensearch-element.mappings';
export type { ElementLayoutOptions } from './adapters/opensearch/opensearch-element.mappings';
