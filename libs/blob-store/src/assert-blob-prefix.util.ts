import { assertBlobKey } from './assert-blob-key.util';
import { InvalidBlobKeyError } from './errors/blob-store.error';

/** Throws BLOB_INVALID_KEY unless some valid key starts with `prefix` ('' lists everything). */
export function assertBlobPrefix(prefix: string): void {
  if (prefix === '') {
    return;
  }
  try {
    // The last segment of a prefix may be partial: any valid key extends it with one character.
    assertBlobKey(`${prefix}x`);
  } catch (error) {
    if (error instanceof InvalidBlobKeyError) {
      throw new InvalidBlobKeyError(prefix, String(error.details.reason));
    }
    throw error;
  }
}
