import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { S3Config } from '@lib/config';
import { assertBlobKey } from '../assert-blob-key.util';
import { assertBlobMeta } from '../assert-blob-meta.util';
import { assertBlobPrefix } from '../assert-blob-prefix.util';
import { BlobStore } from '../blob-store.port';
import type { BlobInfo, BlobListOptions, BlobMeta, BlobObject } from '../blob-store.types';
import { BlobNotFoundError, InvalidBlobBodyError } from '../errors/blob-store.error';
import { s3Failure, isS3NotFound } from './s3-failure.util';

const DEFAULT_LIST_LIMIT = 1000;
// HEAD requests in flight at once while listing (S3 listings carry no content type or metadata).
const HEAD_CONCURRENCY = 8;

/**
 * Blobs in an S3 bucket (distributed profile). Small bodies go up in one PUT, large ones in a
 * multipart upload that S3 commits atomically (or aborts, leaving the previous version). Reads
 * stream the response body. Metadata values are percent-encoded, since S3 carries them in HTTP
 * headers, which are ASCII.
 */
export class S3BlobStore extends BlobStore implements OnModuleInit, OnModuleDestroy {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    super();
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKey !== undefined && config.secretKey !== undefined
          ? { accessKeyId: config.accessKey, secretAccessKey: config.secretKey }
          : undefined,
      maxAttempts: 3,
    });
  }

  /** Creates the bucket when it does not exist yet. */
  async onModuleInit(): Promise<void> {
    const Bucket = this.config.bucket;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket }));
    } catch (error) {
      if (!isS3NotFound(error)) {
        throw s3Failure(error, `Cannot reach the S3 bucket ${Bucket}`);
      }
      await this.guard(`Cannot create the S3 bucket ${Bucket}`, () =>
        this.client.send(new CreateBucketCommand({ Bucket })),
      );
    }
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: Buffer | Readable, meta: BlobMeta): Promise<BlobInfo> {
    assertBlobKey(key);
    assertBlobMeta(meta);
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.config.bucket,
        Key: key,
        Body: Buffer.isBuffer(body) ? body : body.pipe(bytesOnly(body)),
        ContentType: meta.contentType,
        Metadata: encodeMetadata(meta.metadata),
      },
      partSize: this.config.partSizeMb * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      if (!Buffer.isBuffer(body) && body.errored) {
        throw body.errored;
      }
      throw s3Failure(error, `Cannot store blob ${key}`);
    }
    const head = await this.head(key);
    if (!head) {
      throw s3Failure(undefined, `Blob ${key} vanished right after it was stored`);
    }
    return head;
  }

  async get(key: string): Promise<BlobObject> {
    assertBlobKey(key);
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      if (!(out.Body instanceof Readable)) {
        throw s3Failure(undefined, `S3 returned no readable body for ${key}`);
      }
      return { info: toInfo(key, out), body: out.Body };
    } catch (error) {
      if (isS3NotFound(error)) {
        throw new BlobNotFoundError(key);
      }
      throw s3Failure(error, `Cannot read blob ${key}`);
    }
  }

  async stat(key: string): Promise<BlobInfo | undefined> {
    assertBlobKey(key);
    return await this.head(key);
  }

  async list(prefix: string, options: BlobListOptions = {}): Promise<BlobInfo[]> {
    assertBlobPrefix(prefix);
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    const keys: string[] = [];
    let startAfter = options.after;
    while (keys.length < limit) {
      const out = await this.guard('Cannot list blobs', () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: prefix === '' ? undefined : prefix,
            StartAfter: startAfter,
            MaxKeys: Math.min(1000, limit - keys.length),
          }),
        ),
      );
      const page = (out.Contents ?? []).flatMap((item) => (item.Key ? [item.Key] : []));
      keys.push(...page);
      if (!out.IsTruncated || page.length === 0) {
        break;
      }
      startAfter = page.at(-1);
    }
    return this.headAll(keys);
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    await this.guard(`Cannot delete blob ${key}`, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key })),
    );
  }

  private async head(key: string): Promise<BlobInfo | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      return toInfo(key, out);
    } catch (error) {
      if (isS3NotFound(error)) {
        return undefined;
      }
      throw s3Failure(error, `Cannot read blob ${key}`);
    }
  }

  // Keys deleted between the listing and their HEAD are left out.
  private async headAll(keys: readonly string[]): Promise<BlobInfo[]> {
    const infos: (BlobInfo | undefined)[] = new Array<BlobInfo | undefined>(keys.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < keys.length) {
        const index = next;
        next += 1;
        infos[index] = await this.head(keys[index] ?? '');
      }
    };
    await Promise.all(Array.from({ length: Math.min(HEAD_CONCURRENCY, keys.length) }, lane));
    return infos.filter((info): info is BlobInfo => info !== undefined);
  }

  private async guard<T>(message: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw s3Failure(error, message);
    }
  }
}

type ObjectHead = Pick<
  HeadObjectCommandOutput,
  'ContentLength' | 'ContentType' | 'Metadata' | 'LastModified'
>;

function toInfo(key: string, head: ObjectHead): BlobInfo {
  return {
    key,
    size: head.ContentLength ?? 0,
    contentType: head.ContentType ?? 'application/octet-stream',
    metadata: decodeMetadata(head.Metadata ?? {}),
    lastModified: (head.LastModified ?? new Date(0)).toISOString(),
  };
}

function encodeMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [key, encodeURIComponent(value)]),
  );
}

function decodeMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [key, decodeURIComponent(value)]),
  );
}

/** Passes bytes and strings through; anything else fails the upload with BLOB_INVALID_BODY. */
function bytesOnly(source: Readable): Transform {
  const check = new Transform({
    transform(chunk: unknown, _encoding: BufferEncoding, done: TransformCallback) {
      if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array || typeof chunk === 'string') {
        done(null, chunk);
      } else {
        done(new InvalidBlobBodyError(typeof chunk));
      }
    },
  });
  // pipe() does not forward errors: a broken source must fail the upload, not hang it.
  source.once('error', (error) => check.destroy(error));
  return check;
}
