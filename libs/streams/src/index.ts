export { StreamsModule } from './streams.module';
export { StreamCollectionsService } from './services/stream-collections.service';
export { LiveStreamService, streamPosition } from './services/live-stream.service';
export type { StreamSource } from './services/live-stream.service';
export { STREAM_COLLECTION_ENTITY_TYPE } from './stream-collection.types';
export type {
  AuthorizedMember,
  SseMessage,
  StreamCollection,
  StreamCollectionInput,
  StreamCollectionPatch,
  StreamConnection,
  StreamRequest,
} from './stream-collection.types';
export { stixMatches } from './internal/stix-filter.util';
export { parseFilterGroup } from './internal/filter-json.util';
export { readSse } from './client/read-sse.util';
export type { ReceivedSse } from './client/read-sse.util';
export {
  COMMON_EDITABLE,
  booleanField,
  checkedFilters,
  collectionBase,
  creatorOf,
  members,
  requiredName,
  storedMembers,
} from './internal/collection-fields.util';
export { CollectionElements } from './internal/collection-elements';
export type { CollectionKind } from './internal/collection-elements';
export { entityTypeOfStix, filterIdValues, stixValues } from './internal/stix-filter.util';
export type { IdAliases } from './internal/stix-filter.util';
export { resolveIdAliases } from './internal/id-aliases.util';
export type { CollectionBase } from './internal/collection-fields.util';
