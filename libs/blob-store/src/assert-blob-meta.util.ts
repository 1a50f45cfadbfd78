import type { BlobMeta } from './blob-store.types';
import { InvalidBlobMetaError } from './errors/blob-store.error';

const METADATA_KEY = /^[a-z0-9][a-z0-9_-]{0,127}$/;
// S3 caps user metadata at 2 KB (keys and values, UTF-8); every adapter applies the same cap.
const MAX_METADATA_BYTES = 2048;

/** Throws BLOB_INVALID_META unless the content type and metadata are storable everywhere. */
export function assertBlobMeta(meta: BlobMeta): void {
  const { contentType, metadata } = meta;
  if (typeof contentType !== 'string' || contentType.length === 0 || contentType.length > 255) {
    throw new InvalidBlobMetaError('contentType must be a string of 1 to 255 characters', {
      contentType,
    });
  }
  let bytes = 0;
  for (const [key, value] of Object.entries(metadata)) {
    if (!METADATA_KEY.test(key) || typeof value !== 'string') {
      throw new InvalidBlobMetaError(
        `Metadata ${JSON.stringify(key)}: keys are lowercase [a-z0-9_-], values strings`,
        { key },
      );
    }
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new InvalidBlobMetaError(`Metadata exceeds ${MAX_METADATA_BYTES} bytes`, { bytes });
  }
}
