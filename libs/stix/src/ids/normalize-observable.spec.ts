import { normalizeObservable } from './normalize-observable.util';

const sut = normalizeObservable;

describe(normalizeObservable.name, () => {
  it.each(['Domain-Name', 'Email-Addr'])('lower-cases the value of %s', (entityType) => {
    expect(sut(entityType, { value: 'Admin@Example.COM' }).value).toBe('admin@example.com');
  });

  it.each(['Url', 'Hostname', 'IPv6-Addr', 'Text'])('keeps the case of %s values', (entityType) => {
    expect(sut(entityType, { value: 'ABC' }).value).toBe('ABC');
  });

  it('canonicalises hash algorithms and lower-cases and trims hash values', () => {
    const hashes = {
      md5: ' D41D8CD98F00B204E9800998ECF8427E ',
      sha256: 'AB',
      'sha-1': 'CD',
      SHA_512: 'EF',
      'sha3-256': '12',
      ' ssdeep ': ' 3:AbC:dEf ',
      sdhash: 'SdH',
      tlsh: 'T1ABC',
      'custom-algo': ' X ',
      'SHA-1 ': '',
    };
    expect(sut('StixFile', { name: 'A.EXE', hashes })).toEqual({
      name: 'A.EXE',
      hashes: {
        MD5: 'd41d8cd98f00b204e9800998ecf8427e',
        'SHA-256': 'ab',
        'SHA-1': 'cd',
        'SHA-512': 'ef',
        'SHA3-256': '12',
        SSDEEP: '3:AbC:dEf',
        SDHASH: 'SdH',
        TLSH: 't1abc',
        'CUSTOM-ALGO': 'x',
      },
    });
  });

  it('does not mutate its input', () => {
    const data = { value: 'A.COM', hashes: { md5: 'AA' } };
    sut('Domain-Name', data);
    expect(data).toEqual({ value: 'A.COM', hashes: { md5: 'AA' } });
  });
});
