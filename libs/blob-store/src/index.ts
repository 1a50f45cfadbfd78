export { BlobStore } from './blob-store.port';
export type { BlobInfo, BlobListOptions, BlobMeta, BlobObject } from './blob-store.types';
export {
  BlobNotFoundError,
  InvalidBlobBodyError,
  InvalidBlobKeyError,
  InvalidBlobMetaError,
} from './errors/blob-store.error';
export { assertBlobKey } from './assert-blob-key.util';
export { assertBlobPrefix } from './assert-blob-prefix.util';
export { assertBlobMeta } from './assert-blob-meta.util';
export { BlobStoreModule } from './blob-store.module';
export { describeBlobStoreContract } from './testing/blob-store.contract';
export type { BlobStoreHarness } from './testing/blob-store.contract';
export { probeS3 } from './adapters/s3-probe.util';
