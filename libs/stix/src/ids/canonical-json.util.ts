import canonicalize from 'canonicalize';
import { AppError } from '@lib/kernel';

/**
 * RFC 8785 canonical JSON (keys sorted by UTF-16 code units, no whitespace, ES number
 * formatting; Dates serialise through toJSON as ISO-8601 with milliseconds).
 */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) {
    throw new AppError({
      code: 'STIX_ID_NOT_SERIALISABLE',
      category: 'validation',
      message: 'Cannot canonicalise an undefined value',
    });
  }
  return json;
}
