import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { apiTokenKey } from '@lib/bootstrap';
import { EntityStore, buildElement } from '@lib/entity-store';
import { assertBuilt } from '../../../test/support/cli.util';
import { waitFor } from '../../../test/support/distributed.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';

// The audit log end to end: data changes, a file download, an export and a denied query are
// recorded, and `audits` answers them (who, what, before and after) to an admin only.

const TOKEN = 'a7b8c9d0-1234-4abc-9def-0123456789ab';
// A signed-in user without SETTINGS_SECURITYACTIVITY (no group grants it a capability yet).
const ANALYST_TOKEN = randomUUID();

type GqlBody = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
};
type Log = {
  id: string;
  entity_type: string;
  event_type: string;
  event_scope: string;
  event_status: string;
  timestamp: string;
  user_id: string;
  user: { id: string; name: string };
  context_data: {
    entity_id: string | null;
    entity_type: string | null;
    entity_name: string | null;
    message: string | null;
    input: string | null;
    reason: string | null;
    changes: { field: string; previous: string | null; new: string | null }[] | null;
  };
};

const AUDITS = `query($filters: FilterGroup, $search: String, $first: Int) {
  audits(first: $first, filters: $filters, search: $search, orderBy: timestamp, orderMode: asc) {
    edges { node { id entity_type event_type event_scope event_status timestamp user_id
      user { id name }
      context_data { entity_id entity_type entity_name message input reason changes { field previous new } } } }
    pageInfo { globalCount }
  }
}`;

describe('Audit log (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;

  const post = async (token: string | undefined, query: string, variables = {}) => {
    const call = request(platform.app.getHttpServer()).post('/graphql');
    if (token) void call.set('Authorization', `Bearer ${token}`);
    return (await call.send({ query, variables })).body as GqlBody;
  };
  const data = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await post(TOKEN, query, variables);
    expect(body.errors).toBeUndefined();
    return body.data as T;
  };
  const audits = async (variables: Record<string, unknown> = {}) =>
    (
      await data<{ audits: { edges: { node: Log }[] } }>(AUDITS, { first: 100, ...variables })
    ).audits.edges.map((e) => e.node);
  const about = (id: string) => ({
    mode: 'and',
    filters: [{ key: ['context_data.entity_id'], values: [id] }],
    filterGroups: [],
  });

  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(TOKEN, { THREATLOOM_AUDIT_FLUSH_MS: '100' });
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
    const analyst = buildElement({
      entityType: 'User',
      standardId: `user--${randomUUID()}`,
      attributes: {
        name: 'analyst',
        user_email: 'analyst@example.com',
        api_token: ANALYST_TOKEN,
        account_status: 'Active',
      },
      lookupKeys: [apiTokenKey(ANALYST_TOKEN)],
    });
    await platform.app.get(EntityStore).commit({
      upserts: [{ element: analyst, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('records data changes with who did them and each field before and after', async () => {
    const { malwareAdd } = await data<{ malwareAdd: { id: string } }>(
      `mutation { malwareAdd(input: { name: "Audited loader", description: "first" }) { id } }`,
    );
    await data(
      `mutation($id: ID!) { stixDomainObjectEdit(id: $id) { fieldPatch(input: [{ key: "description", value: ["second"] }]) { id } } }`,
      { id: malwareAdd.id },
    );
    const entries = await waitFor(
      'the create and update entries',
      async () => {
        const found = await audits({ filters: about(malwareAdd.id) });
        return found.length >= 2 ? found : undefined;
      },
      30_000,
    );
    expect(entries.map((e) => e.event_scope)).toEqual(['create', 'update']);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        entity_type: 'Activity',
        event_type: 'mutation',
        event_status: 'success',
        user: { name: 'admin' },
        context_data: { entity_type: 'Malware', entity_name: 'Audited loader' },
      });
    }
    const changes = entries[1]?.context_data.changes ?? [];
    expect(changes).toContainEqual({ field: 'description', previous: '"first"', new: '"second"' });
    expect(changes.map((c) => c.field)).toEqual(expect.arrayContaining(['modified', 'updated_at']));
    const searched = await audits({ search: 'audited loader' });
    expect(searched.map((e) => e.event_scope)).toEqual(['create', 'update']);
    // Every event has its entries: /metrics says the audit log is not behind.
    const metrics = await waitFor(
      'the audit lag at 0 in /metrics',
      async () => {
        const text = (await request(platform.app.getHttpServer()).get('/metrics')).text;
        return /^threatloom_audit_lag_seconds 0$/m.test(text) ? text : undefined;
      },
      30_000,
    );
    expect(metrics).toContain('# TYPE threatloom_audit_lag_seconds gauge');
  }, 60_000);

  it('records a file download and an export asked (here refused)', async () => {
    const { malwareAdd } = await data<{ malwareAdd: { id: string } }>(
      `mutation { malwareAdd(input: { name: "With an attachment" }) { id } }`,
    );
    const uploaded = await request(platform.app.getHttpServer())
      .post('/graphql')
      .set('Authorization', `Bearer ${TOKEN}`)
      .field(
        'operations',
        JSON.stringify({
          query: `mutation($id: ID!, $file: Upload!) { stixDomainObjectEdit(id: $id) { importPush(file: $file) { id } } }`,
          variables: { id: malwareAdd.id, file: null },
        }),
      )
      .field('map', JSON.stringify({ 0: ['variables.file'] }))
      .attach('0', Buffer.from('evidence'), {
        filename: 'evidence.txt',
        contentType: 'text/plain',
      });
    const fileId = (
      (uploaded.body as GqlBody).data as { stixDomainObjectEdit: { importPush: { id: string } } }
    ).stixDomainObjectEdit.importPush.id;
    const downloaded = await request(platform.app.getHttpServer())
      .get(`/storage/get/${fileId}`)
      .set('Authorization', `Bearer ${TOKEN}`);
    expect(downloaded.text).toBe('evidence');
    // No export connector runs in this core-only platform: the ask is refused, and recorded so.
    const refused = await post(
      TOKEN,
      `mutation { stixCoreObjectsExportAsk(input: { exportContext: { entity_type: "Malware" }, format: "application/json", exportType: "simple" }) { id } }`,
    );
    expect(refused.errors?.[0]?.message).toMatch(/No active export connector/);
    const [download] = await waitFor(
      'the download entry',
      async () => {
        const found = await audits({ filters: about(malwareAdd.id) });
        const hit = found.filter((e) => e.event_scope === 'file_download');
        return hit.length > 0 ? hit : undefined;
      },
      30_000,
    );
    expect(download).toMatchObject({
      event_type: 'file',
      event_status: 'success',
      user: { name: 'admin' },
      context_data: { entity_name: 'evidence.txt' },
    });
    const exportFilter = {
      mode: 'and',
      filters: [{ key: ['event_scope'], values: ['export'] }],
      filterGroups: [],
    };
    const [asked] = await waitFor(
      'the export entry',
      async () => {
        const found = await audits({ filters: exportFilter });
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    expect(asked).toMatchObject({
      event_type: 'command',
      event_status: 'error',
      user: { name: 'admin' },
      context_data: { entity_type: 'Malware', message: 'asks an export' },
    });
    expect(asked?.context_data.reason).toMatch(/No active export connector/);
    expect(JSON.parse(asked?.context_data.input ?? '{}')).toMatchObject({
      format: 'application/json',
      exportType: 'simple',
    });
  }, 60_000);

  it('answers only those who may read the activity, and records the refusals', async () => {
    const anonymous = await post(undefined, AUDITS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('AUTH_REQUIRED');
    const analyst = await post(ANALYST_TOKEN, AUDITS);
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(analyst.data?.audits ?? null).toBeNull();
    const denied = {
      mode: 'and',
      filters: [{ key: ['event_scope'], values: ['permission_denied'] }],
      filterGroups: [],
    };
    const [refusal] = await waitFor(
      'the refusal entry',
      async () => {
        const found = await audits({ filters: denied });
        return found.length > 0 ? found : undefined;
      },
      30_000,
    );
    expect(refusal).toMatchObject({
      event_type: 'command',
      event_status: 'error',
      user: { name: 'analyst' },
      context_data: { message: 'is not allowed to run audits' },
    });
  }, 60_000);

  it('rejects an unknown filter key with a clear error', async () => {
    const body = await post(TOKEN, AUDITS, {
      filters: { mode: 'and', filters: [{ key: ['password'], values: ['x'] }], filterGroups: [] },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/Unknown audit filter key "password"/);
  });
});
