import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuiltInConnectorsHost } from '@lib/builtin-connectors';
import { sharedData } from '@lib/testing';
import { objectsOf, useBuiltInPlatform } from './builtin-platform.util';

// The scheduled built-in importers on real input: MITRE bundles (ATLAS, ATT&CK ICS) and IOC lists
// (IPsum, maltrail, a partner CSV).

const ATLAS = sharedData('mitre-atlas', 'stix-atlas-5.6.0.json');
const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');
const MISSING = '/nonexistent/capec.json';
const IPSUM = sharedData('iocs', 'ipsum-2026-08-22.txt');
const TURLA = sharedData('iocs', 'maltrail-apt', 'apt_turla.txt');

describe('Built-in feed connectors (embedded, every role)', () => {
  const { app, data, completed, firstWork } = useBuiltInPlatform((dir) => {
    writeFileSync(
      join(dir, 'partner.csv'),
      [
        'indicator,kind,tags,note',
        '198.51.100.7,ip,"c2, botnet",seen in May',
        'partner-evil.example.com,domain,phishing,',
        '1.2.3."4,ip,,a quote inside a field',
        'nothing-here,hash,,not a digest',
      ].join('\n'),
    );
    const feeds = [
      {
        name: 'IPsum',
        source: IPSUM,
        format: 'csv',
        delimiter: '\t',
        columns: { value: 0, score: 1 },
        scoreScale: 10,
        minScore: 50,
        maxEntries: 200,
        labels: ['ipsum'],
      },
      {
        name: 'Maltrail Turla',
        source: TURLA,
        author: 'Maltrail',
        markings: ['TLP:GREEN'],
        validDays: 30,
        indicates: { type: 'Intrusion-Set', name: 'Turla' },
      },
      {
        name: 'Partner',
        source: join(dir, 'partner.csv'),
        format: 'csv',
        header: true,
        columns: { value: 'indicator', type: 'kind', labels: 'tags', description: 'note' },
        typeMap: { ip: 'IPv4-Addr', domain: 'Domain-Name', hash: 'StixFile' },
        indicators: false,
      },
      { name: 'Gone', source: MISSING },
    ];
    return {
      THREATLOOM_BUILTIN_CONNECTORS: 'mitre,ioc-feeds',
      THREATLOOM_CONNECTOR_IOC_FEEDS: JSON.stringify(feeds),
      THREATLOOM_CONNECTOR_MITRE_SOURCES: [ATLAS, MISSING, ICS].join(','),
    };
  });

  it('registers the built-in connectors like any connector', async () => {
    const { connectors } = await data<{
      connectors: { id: string; connector_type: string; built_in: boolean; active: boolean }[];
    }>(`{ connectors { id connector_type built_in active } }`);
    expect(connectors).toEqual(
      expect.arrayContaining([
        { id: 'threatloom-mitre', connector_type: 'EXTERNAL_IMPORT', built_in: true, active: true },
        {
          id: 'threatloom-ioc-feeds',
          connector_type: 'EXTERNAL_IMPORT',
          built_in: true,
          active: true,
        },
      ]),
    );
  });

  it('imports ATLAS and ATT&CK ICS from files at start, reports the missing source, skips unchanged ones', async () => {
    const first = await firstWork('threatloom-mitre', 'the first MITRE run');
    const work = await completed(first.id);
    const sent = objectsOf(ATLAS).length + objectsOf(ICS).length;
    expect(work.tracking.import_expected_number).toBe(sent);
    expect(work.tracking.import_processed_number).toBe(sent);
    expect(work.outcomes.rejected).toBe(0);
    // The missing file fails its source only, loudly: the work ends in error and says why.
    expect(work.errors.map((e) => e.message).join(' ')).toContain(MISSING);
    const icsPatterns = new Set(
      objectsOf(ICS)
        .filter((o) => o.type === 'attack-pattern')
        .map((o) => o.id),
    ).size;
    const atlasPatterns = new Set(
      objectsOf(ATLAS)
        .filter((o) => o.type === 'attack-pattern')
        .map((o) => o.id),
    ).size;
    const { attackPatterns, connector } = await data<{
      attackPatterns: { pageInfo: { globalCount: number } };
      connector: { connector_state: string };
    }>(
      `{ attackPatterns(first: 1) { pageInfo { globalCount } } connector(id: "threatloom-mitre") { connector_state } }`,
    );
    expect(attackPatterns.pageInfo.globalCount).toBe(icsPatterns + atlasPatterns);
    const state = JSON.parse(connector.connector_state) as {
      sources: Record<string, { sha256?: string; error?: string }>;
    };
    expect(state.sources[ICS]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(state.sources[MISSING]?.error).toContain('ENOENT');

    // Run again: the files did not change, nothing is sent; the missing one is tried again.
    const second = await app().get(BuiltInConnectorsHost).runNow('threatloom-mitre');
    const again = await completed(second ?? '');
    expect(again.tracking.import_expected_number).toBe(0);
    // Still in error (the missing source): its message is among the errors.
    const said = [...again.messages, ...again.errors].map((m) => m.message).join(' ');
    expect(said).toContain(`${ICS}: unchanged`);
    expect(said).toContain(`failed ${MISSING}`);
  }, 240_000);

  it('imports CSV and plain-text IOC feeds: typed, scored, linked, bad entries reported by line', async () => {
    const first = await firstWork('threatloom-ioc-feeds', 'the first IOC feeds run');
    const work = await completed(first.id);
    expect(work.outcomes.rejected).toBe(0);
    expect(work.tracking.import_processed_number).toBe(work.tracking.import_expected_number);
    const said = [...work.messages, ...work.errors].map((m) => m.message).join(' ');
    // 200 IPsum entries scored 5+ (listed by 5 lists or more); maltrail's 463 entries with a
    // host are 317 distinct ones (the list repeats entries under several reports).
    expect(said).toContain('IPsum: 200 entries');
    expect(said).toContain('Maltrail Turla: 317 entries (146 repeated)');
    expect(said).toMatch(
      /Maltrail Turla: 317 entries \(146 repeated\), \d+ objects, 5 skipped \(line \d+: \/[^:]+: not an IP/,
    );
    expect(said).toContain('Partner: 2 entries');
    expect(said).toMatch(/line 4: .*Invalid Opening Quote/i);
    expect(said).toContain('line 5: nothing-here: not an MD5');
    expect(said).toMatch(/failed Gone: .*ENOENT/);

    const count = async (query: string) =>
      (await data<Record<string, { pageInfo: { globalCount: number } }>>(query)).x?.pageInfo
        .globalCount;
    const ipsumScored = readFileSync(IPSUM, 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l) && Number(l.split('\t')[1]) >= 5).length;
    expect(ipsumScored).toBeGreaterThanOrEqual(200);
    const { labels } = await data<{ labels: { edges: { node: { id: string; value: string } }[] } }>(
      `{ labels(search: "ipsum") { edges { node { id value } } } }`,
    );
    const ipsum = labels.edges.find((e) => e.node.value === 'ipsum')?.node.id ?? 'none';
    expect(
      await count(
        `{ x: stixCyberObservables(first: 1, types: ["IPv4-Addr"], filters: { mode: and, filters: [{ key: ["objectLabel"], values: ["${ipsum}"] }], filterGroups: [] }) { pageInfo { globalCount } } }`,
      ),
    ).toBe(200);
    const { intrusionSets } = await data<{
      intrusionSets: { edges: { node: { id: string; name: string } }[] };
    }>(`{ intrusionSets(search: "Turla") { edges { node { id name } } } }`);
    const turla = intrusionSets.edges.find((e) => e.node.name === 'Turla')?.node;
    expect(turla).toBeDefined();
    expect(
      await count(
        `{ x: stixCoreRelationships(first: 1, relationship_type: ["indicates"], toId: ["${turla?.id ?? ''}"]) { pageInfo { globalCount } } }`,
      ),
    ).toBe(317);
    const { indicators } = await data<{
      indicators: {
        edges: {
          node: {
            pattern: string;
            valid_until: string;
            x_opencti_main_observable_type: string;
            createdBy: { name: string } | null;
            objectMarking: { definition: string }[];
          };
        }[];
      };
    }>(
      `{ indicators(search: "smallcloud.ga") { edges { node { pattern valid_until x_opencti_main_observable_type createdBy { name } objectMarking { definition } } } } }`,
    );
    const smallcloud = indicators.edges
      .map((e) => e.node)
      .find((n) => n.pattern.includes('smallcloud'));
    expect(smallcloud).toMatchObject({
      pattern: "[domain-name:value = 'smallcloud.ga']",
      x_opencti_main_observable_type: 'Domain-Name',
      createdBy: { name: 'Maltrail' },
      objectMarking: [{ definition: 'TLP:GREEN' }],
    });
    expect(Date.parse(smallcloud?.valid_until ?? '') - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // The partner feed maps its columns: labels and description on the observable, no indicator.
    const { stixCyberObservables } = await data<{
      stixCyberObservables: {
        edges: {
          node: {
            observable_value: string;
            x_opencti_description: string;
            objectLabel: { value: string }[];
            indicators: { edges: unknown[] };
          };
        }[];
      };
    }>(
      `{ stixCyberObservables(search: "198.51.100.7") { edges { node { observable_value x_opencti_description objectLabel { value } indicators { edges { node { id } } } } } } }`,
    );
    const partner = stixCyberObservables.edges
      .map((e) => e.node)
      .find((n) => n.observable_value === '198.51.100.7');
    expect(partner?.x_opencti_description).toBe('seen in May');
    expect(partner?.objectLabel.map((l) => l.value).sort()).toEqual(['botnet', 'c2']);
    expect(partner?.indicators.edges).toEqual([]);

    // Nothing changed: the next run sends nothing and says so.
    const second = await app().get(BuiltInConnectorsHost).runNow('threatloom-ioc-feeds');
    const again = await completed(second ?? '');
    expect(again.tracking.import_expected_number).toBe(0);
    expect([...again.messages, ...again.errors].map((m) => m.message).join(' ')).toContain(
      'IPsum: unchanged',
    );
  }, 240_000);
});
