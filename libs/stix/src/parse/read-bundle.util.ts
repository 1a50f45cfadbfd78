import { isRecord } from './internal/is-record.util';
import { withArticle } from './internal/with-article.util';
import { StixInvalidBundleError } from './stix-parse.error';
import type { StixBundleContent, StixSpecVersion } from './stix-parse.types';

const describe = (value: unknown): string => {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'an array' : withArticle(typeof value);
};

function readSpecVersion(value: unknown): StixSpecVersion | undefined {
  if (value === undefined || value === '2.0' || value === '2.1') {
    return value;
  }
  throw new StixInvalidBundleError(
    `spec_version must be "2.0" or "2.1" (STIX 2.1 bundles may omit it), got ${JSON.stringify(value)}`,
    { specVersion: value },
  );
}

/**
 * Reads a STIX 2.0 or 2.1 bundle, or a single bare STIX object (returned as a one-object list).
 * The objects are not validated here (see parseStixObject). Throws StixInvalidBundleError
 * (`STIX_INVALID_BUNDLE`, validation) when the input is neither.
 */
export function readBundle(raw: unknown): StixBundleContent {
  if (!isRecord(raw)) {
    throw new StixInvalidBundleError(`expected a JSON object, got ${describe(raw)}`);
  }
  const { type } = raw;
  if (type !== 'bundle') {
    if (typeof type !== 'string' || type === '') {
      throw new StixInvalidBundleError(
        'neither a bundle nor a STIX object: `type` is missing or not a non-empty string',
      );
    }
    return { objects: [raw] };
  }
  const { id, objects } = raw;
  if (id !== undefined && typeof id !== 'string') {
    throw new StixInvalidBundleError(`bundle id must be a string, got ${describe(id)}`);
  }
  const specVersion = readSpecVersion(raw.spec_version);
  // STIX 2.1 §8: `objects` is optional; a bundle without it is empty.
  if (objects !== undefined && !Array.isArray(objects)) {
    throw new StixInvalidBundleError(`objects must be an array, got ${describe(objects)}`);
  }
  const content: StixBundleContent = { objects: Array.isArray(objects) ? objects : [] };
  if (id !== undefined) {
    content.bundleId = id;
  }
  if (specVersion !== undefined) {
    content.specVersion = specVersion;
  }
  return content;
}
