import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { ConnectorBus } from '@lib/connector-bus';
import { assertBuilt } from '../../../test/support/cli.util';

const TOKEN = 'c1d2e3f4-1234-4abc-9def-0123456789ab';

type GqlBody = { data?: Record<string, unknown>; errors?: { message: string; name?: string }[] };
type Work = {
  status: string;
  completed_number: number | null;
  errors: { message: string; source: string }[];
  messages: { message: string }[];
  tracking: { import_expected_number: number; import_processed_number: number };
  outcomes: { created: number; unchanged: number; rejected: number };
};

const WORK = `status completed_number errors { message source } messages { message }
  tracking { import_expected_number import_processed_number } outcomes { created unchanged rejected }`;

const REGISTER = `mutation($input: RegisterConnectorInput) { registerConnector(input: $input) {
  id connector_state connector_user_id jwks
  config { connection { host vhost use_ssl port user pass }
    s3 { endpoint port use_ssl bucket_name bucket_region access_key secret_key }
    listen listen_routing listen_exchange push push_routing push_exchange } } }`;

const PING = `mutation($id: ID!, $state: String, $info: ConnectorInfoInput) {
  pingConnector(id: $id, state: $state, connectorInfo: $info) { id connector_state
    connector_info { run_and_terminate buffering queue_threshold queue_messages_size } } }`;

const INFO = {
  run_and_terminate: false,
  buffering: false,
  queue_threshold: 500,
  queue_messages_size: 0,
};

const malware = (n: number) => ({
  type: 'malware',
  spec_version: '2.1',
  id: `malware--0b7b0f3e-6d1c-4f0e-9c8a-${String(n).padStart(12, '0')}`,
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: `Connector malware ${n}`,
  is_family: true,
});

/** A push message as pycti's send_stix2_bundle writes it (connector-protocol.md §2.4). */
const pushMessage = (objects: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    bundle_type: 'QUEUE_BUNDLE',
    applicant_id: null,
    action_sequence: 1,
    entities_types: [],
    content: Buffer.from(
      JSON.stringify({ type: 'bundle', id: 'bundle--1', spec_version: '2.1', objects }),
    ).toString('base64'),
    update: true,
    draft_id: null,
    ...extra,
  });

describe('Connector protocol (embedded, every role)', () => {
  let app: NestExpressApplication;
  let dir: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<GqlBody> =>
    (
      await request(app.getHttpServer())
        .post('/graphql')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ query, variables })
    ).body as GqlBody;

  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await gql(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };

  const register = (id: string, type = 'EXTERNAL_IMPORT') =>
    data<{ registerConnector: Record<string, unknown> }>(REGISTER, {
      input: { id, name: `Connector ${id}`, type, scope: ['malware'], auto: false },
    });

  const work = async (id: string) =>
    (await data<{ work: Work }>(`query($id: ID!) { work(id: $id) { ${WORK} } }`, { id })).work;

  const workAdd = async (connectorId: string, multipart = false) =>
    (
      await data<{ workAdd: { id: string } }>(
        `mutation($c: String!, $m: Boolean) { workAdd(connectorId: $c, friendlyName: "e2e", isMultiPartWork: $m) { id } }`,
        { c: connectorId, m: multipart },
      )
    ).workAdd.id;

  const edit = (id: string, operation: string) =>
    data(`mutation($id: ID!) { workEdit(id: $id) { ${operation} } }`, { id });

  const until = async <T>(probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    assertBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tl-connectors-'));
    const config = loadConfig({
      env: {
        THREATLOOM_DATA_DIR: dir,
        THREATLOOM_PORT: '0',
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
        THREATLOOM_LOG_LEVEL: 'silent',
        THREATLOOM_CONNECTOR_DISCOVERY_S: '1',
        THREATLOOM_CONNECTOR_STALE_S: '3',
      },
      appFlag: 'all',
    });
    app = await startPlatform(config);
  }, 120_000);

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers with OpenCTI queue names and a JWK set, keeps state, echoes pings, resets', async () => {
    const { registerConnector: reg } = await register('e2e-reg');
    expect(reg).toMatchObject({
      id: 'e2e-reg',
      connector_state: null,
      config: {
        push: 'push_e2e-reg',
        push_routing: 'push_routing_e2e-reg',
        push_exchange: 'amqp.worker.exchange',
        listen: 'listen_e2e-reg',
        listen_exchange: 'amqp.connector.exchange',
        s3: { bucket_name: null },
      },
    });
    const jwks = JSON.parse(reg.jwks as string) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', kid: expect.any(String) as string });

    const state = JSON.stringify({ last_run: 1700000000 });
    const pinged = await data<{ pingConnector: { connector_state: string } }>(PING, {
      id: 'e2e-reg',
      state,
      info: INFO,
    });
    expect(pinged.pingConnector.connector_state).toBe(state);
    // A restart: registration hands the state back.
    expect((await register('e2e-reg')).registerConnector.connector_state).toBe(state);

    await data(`mutation { resetStateConnector(id: "e2e-reg") { id } }`);
    const afterReset = await data<{ pingConnector: { connector_state: string } }>(PING, {
      id: 'e2e-reg',
      state,
      info: INFO,
    });
    expect(afterReset.pingConnector.connector_state).toBe('');
    const next = await data<{ pingConnector: { connector_state: string } }>(PING, {
      id: 'e2e-reg',
      state: 'null',
      info: INFO,
    });
    expect(next.pingConnector.connector_state).toBe('null');

    const unknown = await gql(PING, { id: 'nobody', state: 'null', info: INFO });
    expect(unknown.errors?.[0]?.name).toBe('CONNECTOR_NOT_FOUND');
  });

  it('completes a work when the last expectation is reported, whoever comes last', async () => {
    await register('e2e-works');
    const id = await workAdd('e2e-works');
    await data(`mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 2) } }`, {
      id,
    });
    await edit(id, 'reportExpectation');
    await data(`mutation($id: ID!) { workEdit(id: $id) { toProcessed(message: "sent 2") } }`, {
      id,
    });
    expect((await work(id)).status).toBe('progress');
    await data(
      `mutation($id: ID!, $e: WorkErrorInput) { workEdit(id: $id) { reportExpectation(error: $e) } }`,
      { id, e: { error: 'Bad object', source: 'malware--x' } },
    );
    const done = await work(id);
    expect(done).toMatchObject({
      status: 'complete',
      completed_number: 2,
      tracking: { import_expected_number: 2, import_processed_number: 2 },
      errors: [{ message: 'Bad object', source: 'malware--x' }],
      messages: [{ message: 'sent 2' }],
    });

    // Nothing expected: the sender's toProcessed ends it.
    const empty = await workAdd('e2e-works');
    await edit(empty, 'toProcessed');
    expect(await work(empty)).toMatchObject({ status: 'complete', completed_number: 1 });

    // Multipart: reports reaching the expectations do not end it before toProcessed.
    const multi = await workAdd('e2e-works', true);
    await data(`mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 1) } }`, {
      id: multi,
    });
    await edit(multi, 'reportExpectation');
    expect((await work(multi)).status).toBe('progress');
    await edit(multi, 'toProcessed');
    expect((await work(multi)).status).toBe('complete');

    // Deleted works are dead: the worker drops their messages, expectations are refused.
    await edit(multi, 'delete');
    expect(
      (
        await data<{ isWorkAlive: boolean }>(`query($id: ID!) { isWorkAlive(id: $id) }`, {
          id: multi,
        })
      ).isWorkAlive,
    ).toBe(false);
    const refused = await gql(
      `mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 1) } }`,
      { id: multi },
    );
    expect(refused.errors?.[0]?.name).toBe('WORK_NOT_ALIVE');
  });

  it('imports push messages in batches, counts them to their work, dead-letters bad ones', async () => {
    const { registerConnector: reg } = await register('e2e-push');
    const push = (reg.config as { push: string }).push;
    const bus = app.get(ConnectorBus);
    const id = await workAdd('e2e-push');
    const objects = Array.from({ length: 30 }, (_, i) => malware(i));
    await data(`mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 31) } }`, {
      id,
    });
    await bus.publish(push, [
      { body: 'not json' },
      ...objects.map((o) => ({ body: pushMessage([o], { work_id: id }) })),
      // Filtered out by entities_types, still counted as processed.
      {
        body: pushMessage([{ ...malware(99), type: 'tool' }], {
          work_id: id,
          entities_types: ['malware'],
        }),
      },
    ]);
    await edit(id, 'toProcessed');
    const done = await until(async () => {
      const w = await work(id);
      return w.status === 'complete' ? w : undefined;
    });
    expect(done.tracking).toEqual({ import_expected_number: 31, import_processed_number: 31 });
    expect(done.outcomes).toMatchObject({ created: 30, rejected: 0 });
    const dead = await bus.listDeadLetters(push);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.reason.message).toMatch(/not JSON/);
    const { tools } = await data<{ tools: { pageInfo: { globalCount: number } } }>(
      '{ tools(first: 1) { pageInfo { globalCount } } }',
    );
    expect(tools.pageInfo.globalCount).toBe(0);
  });

  it("imports as the message's applicant: his confidence caps, he is the creator", async () => {
    const { registerConnector: reg } = await register('e2e-applicant');
    const push = (reg.config as { push: string }).push;
    const role = await data<{ roleAdd: { id: string } }>(
      `mutation { roleAdd(input: { name: "Pushing analyst", capabilities: ["KNOWLEDGE_KNUPDATE"] }) { id } }`,
    );
    const group = await data<{ groupAdd: { id: string } }>(
      `mutation { groupAdd(input: { name: "Pushers", group_confidence_level: { max_confidence: 30 } }) { id } }`,
    );
    await data(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: group.groupAdd.id, r: role.roleAdd.id },
    );
    const user = await data<{ userAdd: { id: string } }>(
      `mutation($g: [String!]) { userAdd(input: { name: "pusher", user_email: "pusher@example.org", groups: $g }) { id } }`,
      { g: [group.groupAdd.id] },
    );
    const id = await workAdd('e2e-applicant');
    await data(`mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 1) } }`, {
      id,
    });
    const pushed = { ...malware(500), name: 'Pushed for an applicant', confidence: 90 };
    await app
      .get(ConnectorBus)
      .publish(push, [
        { body: pushMessage([pushed], { work_id: id, applicant_id: user.userAdd.id }) },
      ]);
    await edit(id, 'toProcessed');
    await until(async () => ((await work(id)).status === 'complete' ? true : undefined));
    const { malwares } = await data<{
      malwares: { edges: { node: { confidence: number; toStix: string } }[] };
    }>(
      `{ malwares(first: 1, search: "Pushed for an applicant") { edges { node { confidence toStix } } } }`,
    );
    const node = malwares.edges[0]?.node;
    expect(node?.confidence).toBe(30);
    const stix = JSON.parse(node?.toStix ?? '{}') as {
      extensions: Record<string, { creator_ids?: string[] }>;
    };
    const octi = Object.values(stix.extensions).find((e) => e.creator_ids);
    expect(octi?.creator_ids).toEqual([user.userAdd.id]);
  });

  it('retries a message whose reference is missing, then rejects it on its work', async () => {
    const { registerConnector: reg } = await register('e2e-missing');
    const push = (reg.config as { push: string }).push;
    const id = await workAdd('e2e-missing');
    await data(`mutation($id: ID!) { workEdit(id: $id) { addExpectations(expectations: 1) } }`, {
      id,
    });
    const relationship = {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--5e0d4c1a-0000-4000-8000-000000000001',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-01T00:00:00.000Z',
      relationship_type: 'uses',
      source_ref: malware(1).id,
      target_ref: 'attack-pattern--5e0d4c1a-0000-4000-8000-00000000dead',
    };
    await app
      .get(ConnectorBus)
      .publish(push, [{ body: pushMessage([relationship], { work_id: id }) }]);
    const done = await until(async () => {
      const w = await work(id);
      return w.status === 'complete' ? w : undefined;
    }, 60_000);
    expect(done.outcomes.rejected).toBe(1);
    expect(done.errors[0]?.message).toMatch(/missing reference attack-pattern--/);
  }, 90_000);

  it('pushes bundles of a registered connector through its push queue (HTTP mode)', async () => {
    await register('e2e-api');
    const id = await workAdd('e2e-api');
    const bundle = JSON.stringify({
      type: 'bundle',
      id: 'bundle--2',
      objects: [malware(200), malware(201)],
    });
    await data(
      `mutation($b: String!, $w: String) { stixBundlePush(connectorId: "e2e-api", bundle: $b, work_id: $w) }`,
      { b: bundle, w: id },
    );
    await edit(id, 'toProcessed');
    const done = await until(async () => {
      const w = await work(id);
      return w.status === 'complete' ? w : undefined;
    });
    expect(done.tracking).toEqual({ import_expected_number: 2, import_processed_number: 2 });
  });

  it('flags connectors that stop pinging or whose works fail, in the API and the metrics', async () => {
    await register('e2e-health');
    const id = await workAdd('e2e-health');
    await data(
      `mutation($id: ID!) { workEdit(id: $id) { toProcessed(message: "boom", inError: true) } }`,
      { id },
    );
    const flags = async () =>
      (
        await data<{ connector: { health_flags: string[]; active: boolean } }>(
          `{ connector(id: "e2e-health") { active health_flags } }`,
        )
      ).connector;
    expect((await flags()).health_flags).toEqual(['WORKS_FAILING']);
    const stale = await until(async () => {
      const c = await flags();
      return c.active ? undefined : c;
    });
    expect(stale.health_flags).toEqual(['NOT_PINGING', 'WORKS_FAILING']);
    const metrics = await until(async () => {
      const text = (await request(app.getHttpServer()).get('/metrics')).text;
      return text.includes(
        'threatloom_connector_health_flag{connector_id="e2e-health",flag="NOT_PINGING"} 1',
      )
        ? text
        : undefined;
    });
    expect(metrics).toContain('threatloom_connector_active{connector_id="e2e-health"} 0');
  });

  it('deletes a connector with its works and queues', async () => {
    const { registerConnector: reg } = await register('e2e-delete');
    const id = await workAdd('e2e-delete');
    await data(`mutation { deleteConnector(id: "e2e-delete") }`);
    expect(
      (await data<{ connector: null }>(`{ connector(id: "e2e-delete") { id } }`)).connector,
    ).toBeNull();
    expect(
      (await data<{ work: null }>(`query($id: ID!) { work(id: $id) { id } }`, { id })).work,
    ).toBeNull();
    await expect(
      app.get(ConnectorBus).depth((reg.config as { push: string }).push),
    ).rejects.toThrow();
  });
});
