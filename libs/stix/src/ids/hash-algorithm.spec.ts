import { canonicalHashAlgorithm } from './hash-algorithm.util';

const sut = canonicalHashAlgorithm;

describe(canonicalHashAlgorithm.name, () => {
  it.each([
    ['sha256', 'SHA-256'],
    ['SHA256', 'SHA-256'],
    ['sha-256', 'SHA-256'],
    ['Sha_256', 'SHA-256'],
    [' md5 ', 'MD5'],
    ['sha1', 'SHA-1'],
    ['SHA-512', 'SHA-512'],
    ['sha3_512', 'SHA3-512'],
    ['ssdeep', 'SSDEEP'],
    ['imphash', 'IMPHASH'],
  ])('maps %p to %p', (algorithm, expected) => {
    expect(sut(algorithm)).toBe(expected);
  });
});
