import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { AppError } from '@lib/kernel';
import { readBundleStream } from '@lib/stix';
import type { StixBundleContent } from '@lib/stix';

const BUNDLE_FILE = /\.json(\.gz)?$/i;

/**
 * Bytes per chunk out of gunzip. Its default (16 KiB) costs the reader a hop between the zlib thread
 * and the main thread for each small chunk: ATT&CK enterprise (42 MB unpacked) read in 400-540 ms
 * with it, 300-320 ms with 1 MiB chunks.
 */
const GUNZIP_CHUNK_BYTES = 1 << 20;

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
 * Streams one bundle file (gzip detected by its magic bytes) into its objects, never holding the
 * whole text; errors name the file.
 */
export async function readBundleFile(path: string): Promise<StixBundleContent> {
  const gzip = await isGzip(path);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzip ? source.pipe(createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES })) : source;
  if (gzip) {
    source.on('error', (error) => stream.destroy(error));
  }
  try {
    return await readBundleStream(stream);
  } catch (cause) {
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
    throw new AppError({
      code: 'IMPORT_BAD_FILE',
      category: 'validation',
      message: `${path}: ${what}`,
      cause,
    });
  }
}
