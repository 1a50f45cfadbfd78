import { readBundle } from '../parse/read-bundle.util';
import type { StixBundleContent } from '../parse/stix-parse.types';
import { BundleScanner } from './bundle-scanner';

/**
 * Reads a bundle (2.0 or 2.1, or a single bare object) from a byte stream, one object at a time:
 * memory holds the parsed objects, never the whole text. Errors name what is wrong and where.
 */
export async function readBundleStream(chunks: AsyncIterable<Buffer>): Promise<StixBundleContent> {
  const scanner = new BundleScanner();
  for await (const chunk of chunks) {
    scanner.write(chunk);
  }
  const top = scanner.end();
  // The scanner lifted the elements of a top-level `objects` array out of the skeleton: put them back.
  return readBundle(Array.isArray(top.objects) ? { ...top, objects: scanner.objects } : top);
}
