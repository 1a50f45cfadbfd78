import type { Readable } from 'node:stream';
import type { BlobInfo, BlobListOptions, BlobMeta, BlobObject } from './blob-store.types';

/**
 * Files (uploads, exports, attachments) by key. Keys are `/`-separated paths: no empty segment,
 * no `.` or `..` segment, no leading `/`, no backslash, no NUL, at most 1024 bytes; anything
 * else throws `BLOB_INVALID_KEY` (validation). A put is atomic: readers see the old blob or the
 * new one, never a part, and a failed put leaves the old one in place.
 */
export abstract class BlobStore {
  /** Stores (or replaces) a blob, streaming `body`, and returns what was stored. */
  abstract put(key: string, body: Buffer | Readable, meta: BlobMeta): Promise<BlobInfo>;

  /** Opens a blob for reading; throws `BLOB_NOT_FOUND` (not_found) when absent. */
  abstract get(key: string): Promise<BlobObject>;

  /** What is stored under `key`, or undefined. */
  abstract stat(key: string): Promise<BlobInfo | undefined>;

  /** Blobs whose key starts with `prefix` (a plain string prefix), sorted by key (byte order). */
  abstract list(prefix: string, options?: BlobListOptions): Promise<BlobInfo[]>;

  /** Removes a blob; absent keys are ignored. */
  abstract delete(key: string): Promise<void>;
}
