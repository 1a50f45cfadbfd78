import { InvalidBlobKeyError } from './errors/blob-store.error';

const MAX_KEY_BYTES = 1024;

/** Throws BLOB_INVALID_KEY unless `key` is a valid blob key (see BlobStore). */
export function assertBlobKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidBlobKeyError(key, 'a key is a non-empty string');
  }
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new InvalidBlobKeyError(key, `longer than ${MAX_KEY_BYTES} bytes`);
  }
  assertCharacters(key);
  for (const segment of key.split('/')) {
    if (segment === '') {
      throw new InvalidBlobKeyError(key, 'empty path segment');
    }
    if (segment === '.' || segment === '..') {
      throw new InvalidBlobKeyError(key, `"${segment}" segment`);
    }
  }
}

function assertCharacters(key: string): void {
  if (key.startsWith('/')) {
    throw new InvalidBlobKeyError(key, 'leading "/"');
  }
  if (key.includes('\\')) {
    throw new InvalidBlobKeyError(key, 'backslash');
  }
  if (key.includes('\0')) {
    throw new InvalidBlobKeyError(key, 'NUL character');
  }
}
