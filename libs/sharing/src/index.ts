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
} from './taxii.types';
