import { readFileSync } from 'node:fs';
import { IOC_FEED_SCHEMA } from '@lib/config';
import { parseStixObject } from '@lib/stix';
import { sharedData } from '@lib/testing';
import { detectType, entryObjects, entryType, readEntries } from './ioc-entries.util';
import type { ObservableType } from './ioc-entries.util';

const feed = (settings: Record<string, unknown>) =>
  IOC_FEED_SCHEMA.parse({ name: 'test', source: '/dev/null', ...settings });

describe('detectType', () => {
  it.each<[string, ObservableType | undefined]>([
    ['77.90.185.20', 'IPv4-Addr'],
    ['10.0.0.0/8', 'IPv4-Addr'],
    ['2001:db8::1', 'IPv6-Addr'],
    ['smallcloud.ga', 'Domain-Name'],
    ['ebay-global.publicvm.com', 'Domain-Name'],
    ['shoppingexpert.it/wp-content/gallery/', 'Url'],
    ['https://example.org/a?b=c', 'Url'],
    ['http://ot-', undefined],
    ['http://198.51.100.1:8080/x', 'Url'],
    ['phish@example.com', 'Email-Addr'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'StixFile'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'StixFile'],
    ['/itsme.daum', undefined],
    ['not an indicator', undefined],
    ['999.1.1.1', undefined],
    ['134.209.222.206:15363', 'IPv4-Addr'],
    ['evil.example.com:8080', 'Url'],
  ])('%s is %s', (value, type) => {
    expect(detectType(value)?.type).toBe(type);
  });

  it('recognises every entry of a maltrail APT list as its README counts them', () => {
    const text = readFileSync(sharedData('iocs', 'maltrail-apt', 'apt_turla.txt'), 'utf8');
    const { entries } = readEntries(text, feed({}));
    const counts: Record<string, number> = {};
    for (const entry of entries) {
      const typed = entryType(entry, feed({}));
      const kind = 'type' in typed ? typed.type : `none ${entry.value.charAt(0)}`;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    // README: 468 entries, domain 336, url/path 115, ipv4 17. Paths without a host (`/x.php`)
    // are not observables: they are the url/path entries that have no type.
    expect(entries).toHaveLength(468);
    expect(counts['IPv4-Addr']).toBe(17);
    expect(counts['Domain-Name']).toBe(336);
    expect(counts.Url).toBe(110);
    expect(counts['none /']).toBe(5);
    expect(Object.keys(counts)).toHaveLength(4);
  });
});

describe('readEntries', () => {
  it('reads a tab-separated list with a count column, comments left out', () => {
    const text = readFileSync(sharedData('iocs', 'ipsum-2026-08-22.txt'), 'utf8')
      .split('\n')
      .slice(0, 12)
      .join('\n');
    const { entries, skipped } = readEntries(
      text,
      feed({ format: 'csv', delimiter: '\t', columns: { value: 0, score: 1 } }),
    );
    expect(skipped).toEqual([]);
    expect(entries.slice(0, 2)).toEqual([
      { line: 8, value: '77.90.185.20', score: 10, labels: [] },
      { line: 9, value: '77.239.124.102', score: 10, labels: [] },
    ]);
  });

  it('maps named columns of a CSV with a header, and reports unreadable rows by line', () => {
    const text = [
      'indicator,kind,tags,note',
      '1.2.3.4,ip,"c2, botnet",seen in May',
      'evil.example.com,domain,,',
      '1.2.3."4,ip,,quote inside a field',
      'deadbeef,hash,,too short',
      ',ip,,no value',
    ].join('\n');
    const settings = feed({
      format: 'csv',
      header: true,
      columns: { value: 'indicator', type: 'kind', labels: 'tags', description: 'note' },
      typeMap: { ip: 'IPv4-Addr', domain: 'Domain-Name', hash: 'StixFile' },
    });
    const { entries, skipped } = readEntries(text, settings);
    expect(entries[0]).toEqual({
      line: 2,
      value: '1.2.3.4',
      type: 'ip',
      description: 'seen in May',
      labels: ['c2', 'botnet'],
    });
    expect(entries.map((e) => entryType(e, settings))).toEqual([
      { type: 'IPv4-Addr', value: '1.2.3.4' },
      { type: 'Domain-Name', value: 'evil.example.com' },
      { reason: 'not an MD5, SHA-1, SHA-256 or SHA-512 digest' },
    ]);
    expect(skipped.map((s) => s.line).sort()).toEqual([4, 6].sort());
  });
});

describe('entryObjects', () => {
  it('makes a scored observable, an indicator based on it and what it indicates, all valid STIX', () => {
    const settings = feed({ labels: ['feed'], validDays: 30, confidence: 60 });
    const objects = entryObjects(
      { line: 1, value: "o'brien.example.com", score: 80, labels: ['c2'] },
      { type: 'Domain-Name', value: "o'brien.example.com" },
      {
        feed: settings,
        now: new Date('2026-01-01T00:00:00.000Z'),
        markingIds: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da'],
        targetId: 'intrusion-set--4d8c8f8c-1111-5222-8333-944444444444',
      },
    );
    expect(objects.map((o) => [o.type, o.relationship_type ?? o.pattern ?? o.value])).toEqual([
      ['domain-name', "o'brien.example.com"],
      ['indicator', "[domain-name:value = 'o\\'brien.example.com']"],
      ['relationship', 'based-on'],
      ['relationship', 'indicates'],
    ]);
    const indicator = objects[1];
    expect(indicator?.valid_until).toBe('2026-01-31T00:00:00.000Z');
    expect(indicator?.labels).toEqual(['feed', 'c2']);
    expect(indicator?.x_opencti_score).toBe(80);
    for (const object of objects) {
      const parsed = parseStixObject(object);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    }
    // Ids are the platform's standard ids: a second run sends the same objects again.
    const again = entryObjects(
      { line: 9, value: "o'brien.example.com", score: 80, labels: ['c2'] },
      { type: 'Domain-Name', value: "o'brien.example.com" },
      {
        feed: settings,
        now: new Date('2026-02-01T00:00:00.000Z'),
        markingIds: [],
        targetId: 'intrusion-set--4d8c8f8c-1111-5222-8333-944444444444',
      },
    );
    expect(again.map((o) => o.id)).toEqual(objects.map((o) => o.id));
  });

  it('an address with a port is the address', () => {
    const typed = entryType({ line: 1, value: '134.209.222.206:15363', labels: [] }, feed({}));
    expect(typed).toEqual({ type: 'IPv4-Addr', value: '134.209.222.206' });
    if (!('type' in typed)) return;
    const [address, indicator] = entryObjects(
      { line: 1, value: '134.209.222.206:15363', labels: [] },
      typed,
      {
        feed: feed({}),
        now: new Date(),
        markingIds: [],
      },
    );
    expect(address?.value).toBe('134.209.222.206');
    expect(indicator?.pattern).toBe("[ipv4-addr:value = '134.209.222.206']");
  });

  it('hashes become files with the algorithm of their length', () => {
    const [file, indicator] = entryObjects(
      { line: 1, value: 'D41D8CD98F00B204E9800998ECF8427E', labels: [] },
      { type: 'StixFile', value: 'D41D8CD98F00B204E9800998ECF8427E' },
      { feed: feed({}), now: new Date(), markingIds: [] },
    );
    expect(file?.hashes).toEqual({ MD5: 'D41D8CD98F00B204E9800998ECF8427E' });
    expect(indicator?.pattern).toBe("[file:hashes.'MD5' = 'D41D8CD98F00B204E9800998ECF8427E']");
  });
});
