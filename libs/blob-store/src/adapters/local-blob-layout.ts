import { join } from 'node:path';
import { InvalidBlobKeyError } from '../errors/blob-store.error';

/** Where the pieces of one blob live. */
export type BlobPaths = {
  /** Directory holding the blob's files. */
  dir: string;
  /** The sidecar: the blob exists iff it does; it names the current data file. */
  sidecar: string;
  /** Data file of a given version. */
  data(version: string): string;
};

/** A directory entry of the object tree, as the listing walks it. */
export type LayoutEntry = { kind: 'dir' | 'blob'; segment: string; name: string };

// Each key segment becomes a file name with a kind prefix, so that a key `a` and a key `a/b` can
// coexist (a blob and a directory of the same segment), and URI-encoded, so that any segment is a
// safe file name. 200 bytes leaves room for the prefix and a version within 255.
const MAX_SEGMENT_BYTES = 200;
const DIR = 'd_';
const SIDECAR = 'm_';
const DATA = 'b_';

/**
 * Maps blob keys to files under a root: `objects/` holds the tree, `tmp/` the files being
 * written (on the same file system, so a rename into place is atomic).
 */
export class LocalBlobLayout {
  readonly objects: string;
  readonly tmp: string;

  constructor(root: string) {
    this.objects = join(root, 'objects');
    this.tmp = join(root, 'tmp');
  }

  pathsOf(key: string): BlobPaths {
    const segments = key.split('/').map((segment) => encodeSegment(key, segment));
    const last = segments.pop() ?? '';
    const dir = join(this.objects, ...segments.map((segment) => DIR + segment));
    return {
      dir,
      sidecar: join(dir, SIDECAR + last),
      data: (version) => join(dir, `${DATA}${last}.${version}`),
    };
  }

  /** Directory holding the keys that start with `segments.join('/') + '/'`. */
  dirOf(segments: readonly string[]): string {
    return join(this.objects, ...segments.map((segment) => DIR + encodeURIComponent(segment)));
  }

  /** Reads a directory entry name back; undefined for data files and strays. */
  static entryOf(name: string, isDirectory: boolean): LayoutEntry | undefined {
    const kind = isDirectory && name.startsWith(DIR) ? 'dir' : undefined;
    const blob = !isDirectory && name.startsWith(SIDECAR) ? 'blob' : undefined;
    const found = kind ?? blob;
    if (!found) {
      return undefined;
    }
    try {
      return { kind: found, segment: decodeURIComponent(name.slice(2)), name };
    } catch (error) {
      if (error instanceof URIError) {
        return undefined; // not a name this layout wrote
      }
      throw error;
    }
  }
}

function encodeSegment(key: string, segment: string): string {
  const encoded = encodeURIComponent(segment);
  if (Buffer.byteLength(encoded) > MAX_SEGMENT_BYTES) {
    throw new InvalidBlobKeyError(
      key,
      `a path segment longer than ${MAX_SEGMENT_BYTES} bytes once encoded`,
    );
  }
  return encoded;
}
