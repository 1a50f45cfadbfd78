import { readBundle } from '../parse/read-bundle.util';
import type { StixBundleContent } from '../parse/stix-parse.types';
import { BundleScanner } from './bundle-scanner';

/**
 * Reads a bundle (2.0 or 2.1, or a single bare object) from a byte stream in parts of at most
 * `size` objects, each given as soon as it is read, so that memory holds a part rather than the
 * bundle (and never the whole text). Each part carries the bundle's id and spec version as read
 * from the keys before `objects`, where serialisers write them. The objects without a
 * `spec_version` of their own wait for the end when the bundle's was not among those keys (it may
 * follow the objects); so does everything when those keys do not make it a bundle (`type` after
 * the objects, or a bare object), which then comes whole at the end. The last part, empty if need
 * be, carries the id and version the whole top level gives. Errors (StixInvalidBundleError) are
 * thrown where met: the parts given before them stay given.
 */
export async function* readBundleParts(
  chunks: AsyncIterable<Buffer>,
  size: number,
): AsyncGenerator<StixBundleContent> {
  const scanner = new BundleScanner();
  // The bundle as its first keys describe it: undefined until the objects array opens, null when
  // those keys do not make a bundle.
  let head: StixBundleContent | null | undefined;
  const waiting: unknown[] = [];
  for await (const chunk of chunks) {
    scanner.write(chunk);
    if (head === undefined) {
      head = headOf(scanner);
    }
    if (head && scanner.pending >= size) {
      const ready: unknown[] = [];
      for (const object of scanner.take()) {
        (head.specVersion === undefined && !hasOwnVersion(object) ? waiting : ready).push(object);
      }
      yield* partsOf(head, ready, size);
    }
  }
  const top = scanner.end();
  // The scanner lifted the elements of a top-level `objects` array out of the top: put them back.
  const last = readBundle(
    Array.isArray(top.objects) ? { ...top, objects: [...waiting, ...scanner.take()] } : top,
  );
  yield* partsOf(last, last.objects, size, true);
}

function headOf(scanner: BundleScanner): StixBundleContent | null | undefined {
  const head = scanner.head();
  if (head === undefined) {
    return scanner.pending > 0 ? null : undefined;
  }
  if (head.type !== 'bundle') {
    return null;
  }
  try {
    return readBundle(head);
  } catch {
    return null; // reported at the end, with the whole top level
  }
}

const hasOwnVersion = (object: unknown): boolean =>
  typeof object === 'object' && object !== null && 'spec_version' in object;

/** `objects` in parts of `bundle`; with `last`, at least one part, empty if need be. */
function* partsOf(
  bundle: StixBundleContent,
  objects: unknown[],
  size: number,
  last = false,
): Generator<StixBundleContent> {
  const { objects: _objects, ...about } = bundle;
  if (objects.length <= size) {
    if (objects.length > 0 || last) {
      yield { ...about, objects };
    }
    return;
  }
  for (let i = 0; i < objects.length; i += size) {
    yield { ...about, objects: objects.slice(i, i + size) };
  }
}
