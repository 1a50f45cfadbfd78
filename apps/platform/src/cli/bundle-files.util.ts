import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '@lib/kernel';
import { readBundleParts } from '@lib/stix';
import type { StixBundleContent } from '@lib/stix';

const BUNDLE_FILE = /\.json(\.gz)?$/i;

/**
 * Bytes per chunk out of gunzip. Its default (16 KiB) costs the reader a hop between the zlib thread
 * and the main thread for each small chunk: ATT&CK enterprise (42 MB unpacked) read in 400-540 ms
 * with it, 300-320 ms with 1 MiB chunks.
 */
const GUNZIP_CHUNK_BYTES = 1 << 20;

/**
 * Bytes gunzip may unpack ahead of the reader. Read part by part, the import stops reading while it
 * imports a part; without a buffer ahead it then waited for gunzip at each chunk of the next part
 * (ATT&CK: the main thread idle 17 % of the import, 4.44-4.61 s; with 4 MiB ahead 12-14 %,
 * 4.26-4.35 s, peak RSS 20 MB higher; 8 MiB no faster, 30-70 MB higher).
 */
const GUNZIP_AHEAD_BYTES = 4 << 20;

/**
 * Objects per part of a file handed to the import: a batch's worth at the default batch size. A
 * file of 200,000 synthetic objects imported in 19.6 s at 497 MB peak RSS in parts of 2,000,
 * 21.6 s at 547 MB in parts of 5,000 (one run each, the same hour); read whole, it peaked at
 * 1.6 GB.
 */
export const BUNDLE_PART_OBJECTS = 2000;

/** Files to import: the given files, and the .json/.json.gz files under given directories, sorted. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new AppError({
        code: 'IMPORT_PATH_NOT_FOUND',
        category: 'not_found',
        message: `${path}: no such file or directory`,
        cause,
      });
    });
    if (info.isDirectory()) {
      const entries = await readdir(path, { recursive: true, withFileTypes: true });
      files.push(
        ...entries
          .filter((e) => e.isFile() && BUNDLE_FILE.test(e.name))
          .map((e) => join(e.parentPath, e.name))
          .sort(),
      );
    } else {
      files.push(path);
    }
  }
  return files;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Streams one bundle file (gzip detected by its magic bytes) into parts of at most `size` objects,
 * each given as soon as it is read (see readBundleParts), so that importing a file holds one part
 * in memory, not the file's objects. Errors name the file; the parts given before one stay given.
 */
export async function* readBundleFileParts(
  path: string,
  size: number,
): AsyncGenerator<StixBundleContent> {
  const gzip = await isGzip(path);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  // Errors reach the reader through the last stream; the callback has nothing to add.
  const stream = gzip
    ? pipeline(
        source,
        createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }),
        new PassThrough({ highWaterMark: GUNZIP_AHEAD_BYTES }),
        () => undefined,
      )
    : source;
  try {
    yield* readBundleParts(stream, size);
  } catch (cause) {
    throw fileError(path, gzip, cause);
  } finally {
    // A reader left before the end (its consumer failed) closes the file.
    source.destroy();
    stream.destroy();
  }
}

function fileError(path: string, gzip: boolean, cause: unknown): AppError {
  // By shape, not by class: zlib's errors are not of the realm a test sandbox runs in.
  const failure = (typeof cause === 'object' && cause !== null ? cause : {}) as {
    message?: unknown;
    code?: unknown;
  };
  const message = typeof failure.message === 'string' ? failure.message : String(cause);
  const what =
    gzip && typeof failure.code === 'string' && failure.code.startsWith('Z_')
      ? 'not a valid gzip file'
      : message.replace(/^Invalid STIX bundle: /, 'not a valid STIX bundle: ');
  return new AppError({
    code: 'IMPORT_BAD_FILE',
    category: 'validation',
    message: `${path}: ${what}`,
    cause,
  });
}
