import { generateHashIds } from './generate-hash-ids.util';
import { generateStandardId } from './generate-standard-id.util';

const sut = generateHashIds;
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';
const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe(generateHashIds.name, () => {
  it('gives one candidate id per hash, the standard id among them', () => {
    const hashes = { MD5, 'SHA-256': SHA256 };
    const ids = sut('StixFile', hashes);
    expect(ids).toEqual([
      'file--02fff920-f614-527c-81d1-6353633a6d21',
      generateStandardId('StixFile', { hashes: { 'SHA-256': SHA256 } }),
    ]);
    expect(ids).toContain(generateStandardId('StixFile', { hashes }));
  });

  it('includes algorithms outside the standard-id priority list', () => {
    expect(sut('Artifact', { TLSH: 'T1abc' })).toHaveLength(1);
  });

  it('upper-cases algorithm names and skips empty values', () => {
    expect(sut('X509-Certificate', { md5: MD5, 'SHA-1': '' })).toEqual([
      generateStandardId('X509-Certificate', { hashes: { MD5 } }),
    ]);
  });

  it.each(['Malware', 'IPv4-Addr', 'Process'])('returns [] for %s', (entityType) => {
    expect(sut(entityType, { MD5 })).toEqual([]);
  });

  it('returns [] without hashes', () => {
    expect(sut('StixFile', undefined)).toEqual([]);
  });
});
