import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { startPlatform } from '@app/platform';
import { BuiltInConnectorsHost } from '@lib/builtin-connectors';
import { loadConfig } from '@lib/config';
import { sharedData } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';

const TOKEN = 'b4c5d6e7-1234-4abc-9def-0123456789ab';
const ATLAS = sharedData('mitre-atlas', 'stix-atlas-5.6.0.json');
const ICS = sharedData('mitre-attack', 'ics-attack-18.1.json');
const MISSING = '/nonexistent/capec.json';
const IPSUM = sharedData('iocs', 'ipsum-2026-08-22.txt');
const TURLA = sharedData('iocs', 'maltrail-apt', 'apt_turla.txt');
const URL_INDICATOR = sharedData(
  'oasis-cti-documentation-examples',
  'indicator-for-malicious-url.json',
);

type GqlBody = { data?: Record<string, unknown>; errors?: { message: string }[] };
type Work = {
  id: string;
  status: string;
  messages: { message: string }[];
  errors: { message: string }[];
  tracking: { import_expected_number: number; import_processed_number: number };
  outcomes: { created: number; rejected: number };
};
const WORK = `id status messages { message } errors { message }
  tracking { import_expected_number import_processed_number } outcomes { created rejected }`;

const objectsOf = (path: string) =>
  (JSON.parse(readFileSync(path, 'utf8')) as { objects: { type: string; id: string }[] }).objects;

describe('Built-in connectors (embedded, every role)', () => {
  let app: NestExpressApplication;
  let dir: string;

  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ query, variables })
    ).body as GqlBody;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  const completed = (workId: string) =>
    waitFor(
      `work ${workId}`,
      async () => {
        const { work } = await data<{ work: Work }>(
          `query($id: ID!) { work(id: $id) { ${WORK} } }`,
          {
            id: workId,
          },
        );
        return work.status === 'complete' ? work : undefined;
      },
      180_000,
    );

  const download = async (fileId: string): Promise<string> => {
    const body = await request(app.getHttpServer())
      .get(`/storage/get/${fileId}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => cb(null, text));
      });
    expect(body.status).toBe(200);
    return body.body as string;
  };

  /** A reputation API on loopback: what it was asked, with the API key it got. */
  const reputationCalls: { url: string; key: string | undefined }[] = [];
  const reputation = createServer((req, res) => {
    const key = req.headers['x-api-key'];
    reputationCalls.push({ url: req.url ?? '', key: typeof key === 'string' ? key : undefined });
    const answer = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (key !== 'secret-key') return answer(401, '{"error":"no key"}');
    if (req.url === '/ip/203.0.113.9') {
      return answer(
        200,
        JSON.stringify({
          data: { risk: 0.85, tags: ['scanner', 'ssh'], summary: 'Scanner seen on 14 sensors' },
        }),
      );
    }
    if (req.url === '/ip/192.0.2.66') return answer(503, 'overloaded');
    return answer(404, '{"error":"unknown"}');
  });

  beforeAll(async () => {
    assertBuilt();
    await new Promise<void>((resolve) => reputation.listen(0, '127.0.0.1', resolve));
    const { port } = reputation.address() as AddressInfo;
    const enrichers = [
      {
        name: 'reputation',
        url: `http://127.0.0.1:${port}/ip/{value}`,
        headers: { 'x-api-key': 'secret-key' },
        scope: ['IPv4-Addr'],
        mapping: {
          score: 'data.risk',
          scoreScale: 100,
          labels: 'data.tags',
          description: 'data.summary',
          link: 'https://rep.example/ip/{value}',
        },
      },
    ];
    dir = mkdtempSync(join(tmpdir(), 'tl-builtin-'));
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
    app = await startPlatform(
      loadConfig({
        env: {
          THREATLOOM_DATA_DIR: dir,
          THREATLOOM_PORT: '0',
          THREATLOOM_HOST: '127.0.0.1',
          THREATLOOM_ADMIN_TOKEN: TOKEN,
          THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
          THREATLOOM_LOG_LEVEL: 'silent',
          THREATLOOM_BUILTIN_CONNECTORS:
            'mitre,offline-enricher,import-stix,export,ioc-feeds,http-enricher',
          THREATLOOM_CONNECTOR_HTTP_ENRICHERS: JSON.stringify(enrichers),
          THREATLOOM_CONNECTOR_IOC_FEEDS: JSON.stringify(feeds),
          THREATLOOM_CONNECTOR_MITRE_SOURCES: [ATLAS, MISSING, ICS].join(','),
        },
        appFlag: 'all',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    reputation.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the built-in connectors like any connector', async () => {
    const { connectors } = await data<{
      connectors: { id: string; connector_type: string; built_in: boolean; active: boolean }[];
    }>(`{ connectors { id connector_type built_in active } }`);
    expect(connectors).toEqual(
      expect.arrayContaining([
        { id: 'threatloom-mitre', connector_type: 'EXTERNAL_IMPORT', built_in: true, active: true },
        {
          id: 'threatloom-offline-enricher',
          connector_type: 'INTERNAL_ENRICHMENT',
          built_in: true,
          active: true,
        },
        {
          id: 'threatloom-http-reputation',
          connector_type: 'INTERNAL_ENRICHMENT',
          built_in: true,
          active: true,
        },
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
    const first = await waitFor(
      'the first MITRE run',
      async () => {
        const { connector } = await data<{ connector: { works: { id: string }[] } }>(
          `{ connector(id: "threatloom-mitre") { works { id } } }`,
        );
        return connector.works[0];
      },
      60_000,
    );
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
    const second = await app.get(BuiltInConnectorsHost).runNow('threatloom-mitre');
    const again = await completed(second ?? '');
    expect(again.tracking.import_expected_number).toBe(0);
    // Still in error (the missing source): its message is among the errors.
    const said = [...again.messages, ...again.errors].map((m) => m.message).join(' ');
    expect(said).toContain(`${ICS}: unchanged`);
    expect(said).toContain(`failed ${MISSING}`);
  }, 240_000);

  it('imports CSV and plain-text IOC feeds: typed, scored, linked, bad entries reported by line', async () => {
    const first = await waitFor(
      'the first IOC feeds run',
      async () => {
        const { connector } = await data<{ connector: { works: { id: string }[] } }>(
          `{ connector(id: "threatloom-ioc-feeds") { works { id } } }`,
        );
        return connector.works[0];
      },
      60_000,
    );
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
    const second = await app.get(BuiltInConnectorsHost).runNow('threatloom-ioc-feeds');
    const again = await completed(second ?? '');
    expect(again.tracking.import_expected_number).toBe(0);
    expect([...again.messages, ...again.errors].map((m) => m.message).join(' ')).toContain(
      'IPsum: unchanged',
    );
  }, 240_000);

  const add = async (type: string, input: string, value: string) =>
    (
      await data<{ stixCyberObservableAdd: { id: string } }>(
        `mutation($v: String!) { stixCyberObservableAdd(type: "${type}", ${input}: { value: $v }) { id } }`,
        { v: value },
      )
    ).stixCyberObservableAdd.id;
  const ask = async (id: string, connectorId = 'threatloom-offline-enricher') => {
    const { stixCoreObjectEdit } = await data<{
      stixCoreObjectEdit: { askEnrichment: { id: string } };
    }>(
      `mutation($id: ID!, $c: ID!) { stixCoreObjectEdit(id: $id) { askEnrichment(connectorId: $c) { id } } }`,
      { id, c: connectorId },
    );
    return completed(stixCoreObjectEdit.askEnrichment.id);
  };
  const labelsOf = async (id: string) =>
    (
      await data<{ stixCyberObservable: { objectLabel: { value: string }[] } }>(
        `query($id: String!) { stixCyberObservable(id: $id) { objectLabel { value } } }`,
        { id },
      )
    ).stixCyberObservable.objectLabel
      .map((l) => l.value)
      .sort();

  it('enriches observables offline when asked', async () => {
    const ip = await add('IPv4-Addr', 'IPv4Addr', '192.168.10.20');
    const ipWork = await ask(ip);
    expect(ipWork.errors).toEqual([]);
    expect(await labelsOf(ip)).toEqual(['ip-range:private', 'ip-scope:non-public']);

    const host = await add('Hostname', 'Hostname', 'vpn.corp.example.co.uk');
    await ask(host);
    expect(await labelsOf(host)).toEqual(['public-suffix:co.uk']);
    const { stixCoreRelationships } = await data<{
      stixCoreRelationships: { edges: { node: { to: { observable_value: string } } }[] };
    }>(
      `query($id: String!) { stixCoreRelationships(fromId: [$id], relationship_type: ["related-to"]) { edges { node { to { ... on StixCyberObservable { observable_value } } } } } }`,
      { id: host },
    );
    expect(stixCoreRelationships.edges.map((e) => e.node.to.observable_value)).toEqual([
      'example.co.uk',
    ]);
  }, 120_000);

  it('enriches observables through an HTTP API: score, labels, note and link read from its answer', async () => {
    const known = await add('IPv4-Addr', 'IPv4Addr', '203.0.113.9');
    const work = await ask(known, 'threatloom-http-reputation');
    expect(work.errors).toEqual([]);
    expect(work.messages.map((m) => m.message).join(' ')).toContain('203.0.113.9: score 85');
    expect(reputationCalls.at(-1)).toEqual({ url: '/ip/203.0.113.9', key: 'secret-key' });
    const { stixCyberObservable } = await data<{
      stixCyberObservable: {
        x_opencti_score: number;
        x_opencti_description: string;
        objectLabel: { value: string }[];
        externalReferences: { edges: { node: { source_name: string; url: string } }[] };
      };
    }>(
      `query($id: String!) { stixCyberObservable(id: $id) { x_opencti_score x_opencti_description objectLabel { value } externalReferences { edges { node { source_name url } } } } }`,
      { id: known },
    );
    expect(stixCyberObservable.x_opencti_score).toBe(85);
    expect(stixCyberObservable.x_opencti_description).toBe('Scanner seen on 14 sensors');
    expect(stixCyberObservable.objectLabel.map((l) => l.value).sort()).toEqual(['scanner', 'ssh']);
    expect(stixCyberObservable.externalReferences.edges.map((e) => e.node)).toEqual([
      { source_name: 'reputation', url: 'https://rep.example/ip/203.0.113.9' },
    ]);

    // Not known to the API (404): nothing to add, the work is not in error.
    const unknown = await ask(
      await add('IPv4-Addr', 'IPv4Addr', '198.51.100.99'),
      'threatloom-http-reputation',
    );
    expect(unknown.errors).toEqual([]);
    expect(unknown.messages.map((m) => m.message).join(' ')).toContain(
      'knows nothing of 198.51.100.99',
    );
    // The API failing: the work ends in error with its status and answer.
    const failing = await ask(
      await add('IPv4-Addr', 'IPv4Addr', '192.0.2.66'),
      'threatloom-http-reputation',
    );
    expect(failing.errors.map((e) => e.message).join(' ')).toMatch(/answered 503: overloaded/);
  }, 120_000);

  const upload = async <T>(query: string, variables: Record<string, unknown>, path: string) => {
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TOKEN}`)
      .field('operations', JSON.stringify({ query, variables: { ...variables, file: null } }))
      .field('map', JSON.stringify({ 0: ['variables.file'] }))
      .attach('0', readFileSync(path), {
        filename: 'bundle.json',
        contentType: 'application/json',
      });
    const body = response.body as GqlBody;
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  const worksOf = (connectorId: string, source: string) =>
    waitFor(
      `a work of ${connectorId} on ${source}`,
      async () => {
        const { works } = await data<{ works: { edges: { node: { id: string } }[] } }>(
          `query($s: [Any!]!, $c: [Any!]!) { works(first: 10, filters: { mode: and, filterGroups: [], filters: [{ key: "event_source_id", values: $s }, { key: "connector_id", values: $c }] }) { edges { node { id } } } }`,
          { s: [source], c: [connectorId] },
        );
        return works.edges[0]?.node.id;
      },
      30_000,
    );

  it('imports an uploaded STIX bundle by itself, and into the report it is attached to', async () => {
    const { uploadImport } = await upload<{ uploadImport: { id: string } }>(
      `mutation($file: Upload!) { uploadImport(file: $file) { id } }`,
      {},
      URL_INDICATOR,
    );
    const auto = await completed(await worksOf('threatloom-import-stix', uploadImport.id));
    expect(auto.errors).toEqual([]);
    expect(auto.tracking.import_processed_number).toBe(3);
    const { indicator } = await data<{ indicator: { name: string } | null }>(
      `{ indicator(id: "indicator--d81f86b9-975b-4c0b-875e-810c5ad45a4f") { name } }`,
    );
    expect(indicator?.name).toBe('Malicious site hosting downloader');

    const { reportAdd } = await data<{ reportAdd: { id: string } }>(
      `mutation { reportAdd(input: { name: "Downloader report", published: "2024-06-01T00:00:00.000Z" }) { id } }`,
    );
    const attached = await upload<{ stixDomainObjectEdit: { importPush: { id: string } } }>(
      `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id } } }`,
      { id: reportAdd.id },
      URL_INDICATOR,
    );
    await completed(
      await worksOf('threatloom-import-stix', attached.stixDomainObjectEdit.importPush.id),
    );
    const { report } = await data<{ report: { objects: { edges: { node: { id: string } }[] } } }>(
      `query($id: String!) { report(id: $id) { objects(all: true) { edges { node { ... on BasicObject { id } } } } } }`,
      { id: reportAdd.id },
    );
    expect(report.objects.edges).toHaveLength(3);
  });

  it('exports a report as a STIX bundle and as an IOC list, as the analyst who asked', async () => {
    const { reports } = await data<{
      reports: { edges: { node: { id: string; standard_id: string } }[] };
    }>(`{ reports(search: "Downloader report") { edges { node { id standard_id } } } }`);
    const report = reports.edges[0]?.node;
    expect(report).toBeDefined();
    const exportAs = async (format: string) => {
      const { stixCoreObjectEdit } = await data<{
        stixCoreObjectEdit: { exportAsk: { id: string; name: string }[] };
      }>(
        `mutation($id: ID!, $f: String!) { stixCoreObjectEdit(id: $id) { exportAsk(input: { format: $f, exportType: "full", connectorId: "threatloom-export" }) { id name } } }`,
        { id: report?.id, f: format },
      );
      const [pending] = stixCoreObjectEdit.exportAsk;
      expect((await completed(pending?.id ?? '')).errors).toEqual([]);
      const { report: exported } = await data<{
        report: { exportFiles: { edges: { node: { id: string; name: string } }[] } };
      }>(`query($id: String!) { report(id: $id) { exportFiles { edges { node { id name } } } } }`, {
        id: report?.id,
      });
      const file = exported.exportFiles.edges.find((e) => e.node.name === pending?.name)?.node;
      return download(file?.id ?? '');
    };
    const bundle = JSON.parse(await exportAs('application/json')) as {
      type: string;
      objects: { id: string; type: string; object_refs?: string[] }[];
    };
    expect(bundle.type).toBe('bundle');
    const ids = bundle.objects.map((o) => o.id);
    expect(ids).toContain(report?.standard_id);
    // Full: the report's objects come along (under their standard ids), and the relationship.
    expect(bundle.objects.map((o) => o.type).sort()).toEqual(
      expect.arrayContaining(['indicator', 'malware', 'relationship', 'report']),
    );
    const exportedReport = bundle.objects.find((o) => o.id === report?.standard_id);
    expect(exportedReport?.object_refs).toHaveLength(3);
    const lines = (await exportAs('text/plain')).trim().split('\n');
    expect(lines).toEqual(["[url:value = 'http://x4z9arb.cn/4712/']"]);
  });

  it('exports lists found by a query or picked by id, as STIX, CSV and IOC lists, within the markings asked', async () => {
    const TLP = {
      green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
      amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
      red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
    };
    const malware = async (name: string, marking: string) =>
      (
        await data<{ malwareAdd: { id: string; standard_id: string } }>(
          `mutation($n: String!, $m: [String]) { malwareAdd(input: { name: $n, is_family: true, objectMarking: $m }) { id standard_id } }`,
          { n: name, m: [marking] },
        )
      ).malwareAdd;
    const green = await malware('Listed green malware', TLP.green);
    const red = await malware('Listed red malware', TLP.red);
    const exportList = async (input: Record<string, unknown>) => {
      const { stixCoreObjectsExportAsk } = await data<{
        stixCoreObjectsExportAsk: { id: string; name: string }[];
      }>(
        `mutation($input: StixCoreObjectsExportAskInput!) { stixCoreObjectsExportAsk(input: $input) { id name } }`,
        { input: { connectorId: 'threatloom-export', exportType: 'simple', ...input } },
      );
      const [pending] = stixCoreObjectsExportAsk;
      const work = await completed(pending?.id ?? '');
      expect(work.errors).toEqual([]);
      const { stixCoreObjectsExportFiles } = await data<{
        stixCoreObjectsExportFiles: { edges: { node: { id: string; name: string } }[] };
      }>(
        `query($c: ExportContext!) { stixCoreObjectsExportFiles(exportContext: $c) { edges { node { id name } } } }`,
        { c: input.exportContext },
      );
      const file = stixCoreObjectsExportFiles.edges.find((e) => e.node.name === pending?.name);
      expect(file).toBeDefined();
      return { text: await download(file?.node.id ?? ''), message: work.messages };
    };
    const byName = {
      mode: 'and',
      filters: [{ key: ['name'], values: ['Listed green malware', 'Listed red malware'] }],
      filterGroups: [],
    };

    // A query, as a bundle: both malwares, their markings along; TLP:AMBER at most drops the red.
    const all = JSON.parse(
      (
        await exportList({
          format: 'application/json',
          exportContext: { entity_type: 'Malware' },
          filters: byName,
        })
      ).text,
    ) as { objects: { id: string; type: string }[] };
    expect(
      all.objects
        .filter((o) => o.type === 'malware')
        .map((o) => o.id)
        .sort(),
    ).toEqual([green.standard_id, red.standard_id].sort());
    expect(all.objects.map((o) => o.id)).toEqual(expect.arrayContaining([TLP.green, TLP.red]));
    const amber = JSON.parse(
      (
        await exportList({
          format: 'application/json',
          exportContext: { entity_type: 'Malware' },
          filters: byName,
          contentMaxMarkings: [TLP.amber],
        })
      ).text,
    ) as { objects: { id: string; type: string }[] };
    expect(amber.objects.filter((o) => o.type === 'malware').map((o) => o.id)).toEqual([
      green.standard_id,
    ]);
    expect(amber.objects.map((o) => o.id)).not.toContain(TLP.red);

    // A selection, as CSV: a header, then one row per picked element, markings by name.
    const csv = parse<Record<string, string>>(
      (
        await exportList({
          format: 'text/csv',
          exportContext: { entity_type: 'Stix-Domain-Object' },
          selectedIds: [red.id, green.standard_id],
        })
      ).text,
      { columns: true },
    );
    expect(csv.map((r) => [r.id, r.entity_type, r.name, r.markings])).toEqual([
      [red.standard_id, 'Malware', 'Listed red malware', 'TLP:RED'],
      [green.standard_id, 'Malware', 'Listed green malware', 'TLP:GREEN'],
    ]);

    // The indicators a search finds, as an IOC list.
    const iocs = await exportList({
      format: 'text/plain',
      exportContext: { entity_type: 'Indicator' },
      search: 'x4z9arb.cn',
    });
    expect(iocs.text.trim().split('\n')).toEqual(["[url:value = 'http://x4z9arb.cn/4712/']"]);
  });
});
