import type { PyctiExpectation } from './compat-case.types';

/** pycti cannot compute this id. */
export function none(reason: string): PyctiExpectation {
  return { kind: 'none', reason };
}

/** pycti hashes `pyctiHashes` instead (a documented difference). */
export function differs(
  reason: string,
  prefix: string,
  pyctiHashes: Readonly<Record<string, unknown>>,
): PyctiExpectation {
  return { kind: 'differs', reason, prefix, pyctiHashes };
}
