import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Dirent } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStoreConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import { assertBlobKey } from '../assert-blob-key.util';
import { assertBlobMeta } from '../assert-blob-meta.util';
import { assertBlobPrefix } from '../assert-blob-prefix.util';
import { BlobStore } from '../blob-store.port';
import type { BlobInfo, BlobListOptions, BlobMeta, BlobObject } from '../blob-store.types';
import {
  BlobNotFoundError,
  InvalidBlobBodyError,
  InvalidBlobMetaError,
} from '../errors/blob-store.error';
import { LocalBlobLayout } from './local-blob-layout';
import type { BlobPaths } from './local-blob-layout';

type Sidecar = BlobInfo & { version: string };
type ListQuery = { prefix: string; after: string | undefined; limit: number; out: BlobInfo[] };

const DEFAULT_LIST_LIMIT = 1000;
// A concurrent overwrite may delete the data file between reading the sidecar and opening it.
const OPEN_ATTEMPTS = 3;

/**
 * Blobs in a local directory (embedded profile). A put streams into a temp file and renames it
 * into place, then renames a new sidecar (JSON metadata naming that data file) over the old one:
 * the sidecar rename is the commit point, so readers see the old blob or the new one.
 */
export class LocalBlobStore extends BlobStore {
  private readonly layout: LocalBlobLayout;
  // Writes to one key are serialized in this process, so that an overwrite can delete the data
  // file it replaces without racing another writer of the same key.
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(config: Extract<BlobStoreConfig, { driver: 'local' }>['local']) {
    super();
    this.layout = new LocalBlobLayout(config.dir);
  }

  async put(key: string, body: Buffer | Readable, meta: BlobMeta): Promise<BlobInfo> {
    assertBlobKey(key);
    assertBlobMeta(meta);
    const paths = this.layout.pathsOf(key);
    return await this.serialized(key, () => this.write(key, paths, body, meta));
  }

  async get(key: string): Promise<BlobObject> {
    assertBlobKey(key);
    const paths = this.layout.pathsOf(key);
    for (let attempt = 1; ; attempt += 1) {
      const sidecar = await this.readSidecar(paths);
      if (!sidecar) {
        throw new BlobNotFoundError(key);
      }
      try {
        const handle = await open(paths.data(sidecar.version), 'r');
        return { info: toInfo(sidecar), body: handle.createReadStream() };
      } catch (error) {
        if (!isMissing(error) || attempt >= OPEN_ATTEMPTS) {
          throw storageFailure(error, `Cannot open blob ${key}`);
        }
      }
    }
  }

  async stat(key: string): Promise<BlobInfo | undefined> {
    assertBlobKey(key);
    const sidecar = await this.readSidecar(this.layout.pathsOf(key));
    return sidecar && toInfo(sidecar);
  }

  async list(prefix: string, options: BlobListOptions = {}): Promise<BlobInfo[]> {
    assertBlobPrefix(prefix);
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidBlobMetaError('limit must be a positive integer', { limit });
    }
    // Start at the deepest directory the prefix fully names.
    const complete = prefix.split('/').slice(0, -1);
    const keyPrefix = complete.length === 0 ? '' : `${complete.join('/')}/`;
    const query: ListQuery = { prefix, after: options.after, limit, out: [] };
    await this.walk(this.layout.dirOf(complete), keyPrefix, query);
    return query.out;
  }

  async delete(key: string): Promise<void> {
    assertBlobKey(key);
    const paths = this.layout.pathsOf(key);
    await this.serialized(key, async () => {
      const sidecar = await this.readSidecar(paths);
      if (sidecar) {
        await removeIfPresent(paths.sidecar);
        await removeIfPresent(paths.data(sidecar.version));
      }
    });
  }

  private async write(key: string, paths: BlobPaths, body: Buffer | Readable, meta: BlobMeta) {
    const version = randomUUID().replaceAll('-', '');
    const tmpData = join(this.layout.tmp, `${version}.data`);
    const tmpSidecar = join(this.layout.tmp, `${version}.json`);
    let sidecar: Sidecar;
    let previous: Sidecar | undefined;
    try {
      await mkdir(this.layout.tmp, { recursive: true });
      await pipeline(toStream(body), bytesOnly(), createWriteStream(tmpData, { flush: true }));
      const { size } = await stat(tmpData);
      previous = await this.readSidecar(paths);
      await mkdir(paths.dir, { recursive: true });
      await rename(tmpData, paths.data(version));
      sidecar = { key, size, ...meta, lastModified: new Date().toISOString(), version };
      await writeFile(tmpSidecar, JSON.stringify(sidecar), { flush: true });
      await rename(tmpSidecar, paths.sidecar);
    } catch (error) {
      // Not committed: remove what this put wrote; the previous blob is untouched.
      await Promise.all([tmpData, tmpSidecar, paths.data(version)].map(removeIfPresent));
      throw storageFailure(error, `Cannot store blob ${key}`);
    }
    if (previous) {
      await removeIfPresent(paths.data(previous.version));
    }
    return toInfo(sidecar);
  }

  private async walk(dir: string, keyPrefix: string, query: ListQuery): Promise<void> {
    for (const entry of await sortedEntries(dir, keyPrefix)) {
      if (query.out.length >= query.limit) {
        return;
      }
      if (entry.kind === 'dir') {
        if (mayHoldMatches(entry.path, query)) {
          await this.walk(join(dir, entry.name), entry.path, query);
        }
        continue;
      }
      const key = entry.path;
      if (
        !key.startsWith(query.prefix) ||
        (query.after !== undefined && compareKeys(key, query.after) <= 0)
      ) {
        continue;
      }
      const sidecar = await this.readSidecar(this.layout.pathsOf(key));
      if (sidecar) {
        query.out.push(toInfo(sidecar));
      }
    }
  }

  private async readSidecar(paths: BlobPaths): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await readFile(paths.sidecar, 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw storageFailure(error, `Cannot read blob metadata ${paths.sidecar}`);
    }
  }

  private serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.writing.get(key) ?? Promise.resolve();
    const result = before.then(fn, fn);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(key, settled);
    void settled.then(() => {
      if (this.writing.get(key) === settled) {
        this.writing.delete(key);
      }
    });
    return result;
  }
}

type SortedEntry = { kind: 'dir' | 'blob'; name: string; path: string; bytes: Buffer };

/** Entries of `dir` in key order: a directory sorts as its path with a trailing `/`. */
async function sortedEntries(dir: string, keyPrefix: string): Promise<SortedEntry[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) {
      return [];
    }
    throw storageFailure(error, `Cannot list ${dir}`);
  }
  const entries: SortedEntry[] = [];
  for (const dirent of dirents) {
    const entry = LocalBlobLayout.entryOf(dirent.name, dirent.isDirectory());
    if (entry) {
      const path = keyPrefix + entry.segment + (entry.kind === 'dir' ? '/' : '');
      entries.push({ kind: entry.kind, name: dirent.name, path, bytes: Buffer.from(path) });
    }
  }
  return entries.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
}

/** Whether a directory whose keys all start with `dirPath` can hold a key the query wants. */
function mayHoldMatches(dirPath: string, query: ListQuery): boolean {
  const prefixOverlaps = dirPath.startsWith(query.prefix) || query.prefix.startsWith(dirPath);
  const { after } = query;
  const beyondAfter =
    after === undefined || after.startsWith(dirPath) || compareKeys(dirPath, after) > 0;
  return prefixOverlaps && beyondAfter;
}

// S3 orders keys by their UTF-8 bytes; JavaScript's < compares UTF-16 units.
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function toStream(body: Buffer | Readable): Readable {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}

// An object-mode source could yield anything; a bad chunk must fail the put, not the process.
function bytesOnly(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(chunk: unknown, _encoding, callback) {
      if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
        callback(null, chunk);
      } else {
        callback(new InvalidBlobBodyError(typeof chunk));
      }
    },
  });
}

function toInfo(sidecar: Sidecar): BlobInfo {
  const { key, size, contentType, metadata, lastModified } = sidecar;
  return { key, size, contentType, metadata, lastModified };
}

async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isMissing(error)) {
      throw storageFailure(error, `Cannot remove ${path}`);
    }
  }
}

function isMissing(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * File-system errors become AppErrors (a full disk or an I/O error may pass: unavailable);
 * AppErrors and errors of the caller's body stream pass through unchanged.
 */
function storageFailure(error: unknown, message: string): unknown {
  const code = errorCode(error);
  if (error instanceof AppError || code === undefined || !/^E[A-Z]+$/.test(code)) {
    return error;
  }
  const transient = ['ENOSPC', 'EIO', 'EMFILE', 'ENFILE', 'EBUSY', 'EAGAIN', 'EDQUOT'].includes(
    code,
  );
  return new AppError({
    code: 'BLOB_STORAGE_FAILED',
    category: transient ? 'unavailable' : 'internal',
    message,
    details: { errno: code },
    cause: error,
  });
}
