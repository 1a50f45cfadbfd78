// Common spellings of hash algorithms, keyed by their upper-cased form without separators.
const CANONICAL_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['MD5', 'MD5'],
  ['SHA1', 'SHA-1'],
  ['SHA224', 'SHA-224'],
  ['SHA256', 'SHA-256'],
  ['SHA384', 'SHA-384'],
  ['SHA512', 'SHA-512'],
  ['SHA3224', 'SHA3-224'],
  ['SHA3256', 'SHA3-256'],
  ['SHA3384', 'SHA3-384'],
  ['SHA3512', 'SHA3-512'],
  ['SSDEEP', 'SSDEEP'],
  ['SDHASH', 'SDHASH'],
  ['TLSH', 'TLSH'],
  ['LZJD', 'LZJD'],
]);

/**
 * The canonical name of a hash algorithm (data-model.md §1.4): trimmed, upper-cased, and the
 * usual spellings mapped (`sha256`, `SHA256`, `sha-256`, `sha_256` → `SHA-256`).
 */
export function canonicalHashAlgorithm(algorithm: string): string {
  const upper = algorithm.trim().toUpperCase();
  return CANONICAL_ALGORITHMS.get(upper.replace(/[-_\s]/g, '')) ?? upper;
}
