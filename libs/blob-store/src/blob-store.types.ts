import type { Readable } from 'node:stream';

/** What a blob is stored with. */
export type BlobMeta = {
  /** MIME type, e.g. `application/json`. */
  contentType: string;
  /** User metadata: keys `[a-z0-9][a-z0-9_-]*`, string values, about 2 KB in all (S3's limit). */
  metadata: Record<string, string>;
};

export type BlobInfo = BlobMeta & {
  key: string;
  /** Bytes. */
  size: number;
  /** ISO-8601 time of the last put. */
  lastModified: string;
};

/** A blob being read: consume or destroy `body`, which holds an open file or connection. */
export type BlobObject = { info: BlobInfo; body: Readable };

export type BlobListOptions = {
  /** Only keys strictly greater than this one (the last key of the previous page). */
  after?: string;
  /** Most items returned (default 1000). */
  limit?: number;
};
