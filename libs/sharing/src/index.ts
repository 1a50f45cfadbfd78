export { SharingModule } from './sharing.module';
export { TaxiiCollectionsService } from './services/taxii-collections.service';
export {
  TAXII_DEFAULT_LIMIT,
  TAXII_MAX_LIMIT,
  TaxiiError,
  TaxiiService,
} from './services/taxii.service';
export { STIX_MEDIA_TYPE, TAXII_COLLECTION_ENTITY_TYPE, TAXII_MEDIA_TYPE } from './taxii.types';
export type {
  TaxiiCollection,
  TaxiiCollectionInput,
  TaxiiObjectsQuery,
  TaxiiPage,
  TaxiiStatus,
  TaxiiVersion,
} from './taxii.types';
export { FeedCollectionsService } from './services/feed-collections.service';
export { FEED_MAX_ROWS, FeedService } from './services/feed.service';
export { FEED_ENTITY_TYPE } from './feed.types';
export type { Feed, FeedAttribute, FeedFormat, FeedInput, FeedMapping } from './feed.types';
