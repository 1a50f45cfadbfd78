import { OCTI_SCO_EXTENSION_ID, generateStandardId } from '@lib/stix';
import { enrichOffline, enrichedObservable } from './offline-enrichment.util';

const sco = (type: string, fields: Record<string, unknown>) => ({
  type,
  id: `${type}--3f2c8a0e-1b7d-4c55-9a4e-0d1c2b3a4f5e`,
  spec_version: '2.1',
  ...fields,
});

describe('enrichOffline', () => {
  it.each([
    ['ipv4-addr', '10.1.2.3', ['ip-range:private', 'ip-scope:non-public']],
    ['ipv4-addr', '8.8.8.8', ['ip-range:unicast', 'ip-scope:public']],
    ['ipv4-addr', '127.0.0.1', ['ip-range:loopback', 'ip-scope:non-public']],
    ['ipv6-addr', '2001:db8::1', ['ip-range:reserved', 'ip-scope:non-public']],
    [
      'ipv6-addr',
      '::ffff:192.168.0.1',
      ['ip-range:ipv4Mapped', 'ip-range:private', 'ip-scope:non-public'],
    ],
  ])('labels the range of %s %s', (type, value, labels) => {
    expect(enrichOffline(sco(type, { value }))?.labels).toEqual(labels);
  });

  it('relates a host name to its registrable domain, with its public suffix', () => {
    const host = sco('hostname', { value: 'mail.login.example.co.uk' });
    const found = enrichOffline(host);
    const domainId = generateStandardId('Domain-Name', { value: 'example.co.uk' });
    expect(found?.labels).toEqual(['public-suffix:co.uk']);
    expect(found?.related).toEqual([
      { type: 'domain-name', spec_version: '2.1', id: domainId, value: 'example.co.uk' },
      expect.objectContaining({
        type: 'relationship',
        relationship_type: 'related-to',
        source_ref: host.id,
        target_ref: domainId,
      }),
    ]);
    // A registrable domain is not related to itself.
    expect(enrichOffline(sco('domain-name', { value: 'example.com' }))?.related).toEqual([]);
  });

  it('reads the host of a URL', () => {
    const found = enrichOffline(sco('url', { value: 'https://cdn.evil.net/payload.bin' }));
    expect(found?.related.map((o) => o.value)).toContain('evil.net');
  });

  it('checks the algorithms of hashes by their length', () => {
    const found = enrichOffline(
      sco('file', {
        hashes: {
          MD5: 'd41d8cd98f00b204e9800998ecf8427e',
          sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'SHA-1': 'not-a-digest',
          'SHA-512': 'd41d8cd98f00b204e9800998ecf8427e',
        },
      }),
    );
    expect(found?.labels).toEqual([
      'hash:md5',
      'hash:sha-256',
      'hash-invalid:SHA-1',
      'hash-mislabelled:SHA-512',
    ]);
  });

  it('knows nothing of other types or unreadable values', () => {
    expect(enrichOffline(sco('email-addr', { value: 'a@b.c' }))).toBeUndefined();
    expect(enrichOffline(sco('ipv4-addr', { value: 'not an ip' }))).toBeUndefined();
  });
});

describe('enrichedObservable', () => {
  it("adds labels and a description in OpenCTI's extension, keeping what was there", () => {
    const ip = sco('ipv4-addr', {
      value: '10.0.0.1',
      extensions: { [OCTI_SCO_EXTENSION_ID]: { labels: ['seen'], score: 50 } },
    });
    const out = enrichedObservable(ip, {
      labels: ['ip-range:private'],
      description: 'x',
      related: [],
    });
    expect(out.extensions).toEqual({
      [OCTI_SCO_EXTENSION_ID]: {
        labels: ['seen', 'ip-range:private'],
        score: 50,
        description: 'x',
        extension_type: 'property-extension',
      },
    });
  });
});
