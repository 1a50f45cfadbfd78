import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
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

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-builtin-'));
    app = await startPlatform(
      loadConfig({
        env: {
          THREATLOOM_DATA_DIR: dir,
          THREATLOOM_PORT: '0',
          THREATLOOM_HOST: '127.0.0.1',
          THREATLOOM_ADMIN_TOKEN: TOKEN,
          THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
          THREATLOOM_LOG_LEVEL: 'silent',
          THREATLOOM_BUILTIN_CONNECTORS: 'mitre,offline-enricher',
          THREATLOOM_CONNECTOR_MITRE_SOURCES: [ATLAS, MISSING, ICS].join(','),
        },
        appFlag: 'all',
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
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

  it('enriches observables offline when asked', async () => {
    const add = async (type: string, input: string, value: string) =>
      (
        await data<{ stixCyberObservableAdd: { id: string } }>(
          `mutation($v: String!) { stixCyberObservableAdd(type: "${type}", ${input}: { value: $v }) { id } }`,
          { v: value },
        )
      ).stixCyberObservableAdd.id;
    const ask = async (id: string) => {
      const { stixCoreObjectEdit } = await data<{
        stixCoreObjectEdit: { askEnrichment: { id: string } };
      }>(
        `mutation($id: ID!) { stixCoreObjectEdit(id: $id) { askEnrichment(connectorId: "threatloom-offline-enricher") { id } } }`,
        { id },
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
});
