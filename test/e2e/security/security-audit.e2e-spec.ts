import { rmSync } from 'node:fs';
import { platformGraphql } from '@lib/testing';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';

const TOKEN = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const PASSWORD = 'A long enough passphrase 42!';

type Log = {
  event_type: string;
  event_scope: string;
  event_status: string;
  event_access: string | null;
  user: { name: string } | null;
  context_data: {
    entity_type: string | null;
    entity_name: string | null;
    input: string | null;
    reason: string | null;
  } | null;
};

const AUDITS = `query($filters: FilterGroup) {
  audits(first: 200, filters: $filters, orderBy: timestamp, orderMode: asc) {
    edges { node { event_type event_scope event_status event_access user { name }
      context_data { entity_type entity_name input reason } } }
  }
}`;

// Issue #8's audit log: logins and failed logins, and administration changes (who, what).
describe('Audit of authentication and administration', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  const audits = async (eventType: string): Promise<Log[]> =>
    (
      await gql<{ audits: { edges: { node: Log }[] } }>(AUDITS, {
        filters: {
          mode: 'and',
          filterGroups: [],
          filters: [{ key: 'event_type', values: [eventType] }],
        },
      })
    ).audits.edges.map((e) => e.node);

  const eventually = async <T>(probe: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('the audit entries never came');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const login = (email: string, password: string) =>
    fetch(`${platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN, { THREATLOOM_AUDIT_FLUSH_MS: '100' });
    platform = await startEmbedded(env, 'core');
  }, 60_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  it('records administration changes with who made them, secrets left out', async () => {
    const role = await gql<{ roleAdd: { id: string } }>(
      `mutation { roleAdd(input: { name: "Audited role", capabilities: ["KNOWLEDGE"] }) { id } }`,
    );
    const group = await gql<{ groupAdd: { id: string } }>(
      `mutation { groupAdd(input: { name: "Audited group" }) { id } }`,
    );
    await gql(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: group.groupAdd.id, r: role.roleAdd.id },
    );
    const user = await gql<{ userAdd: { id: string } }>(
      `mutation($p: String) { userAdd(input: { name: "audited", user_email: "audited@example.org", password: $p }) { id } }`,
      { p: PASSWORD },
    );
    await gql(
      `mutation($u: ID!, $p: [Any]!) { userEdit(id: $u) { fieldPatch(input: [{ key: "password", value: $p }]) { id } } }`,
      { u: user.userAdd.id, p: [`${PASSWORD} changed`] },
    );
    const entries = await eventually(async () => {
      const found = (await audits('mutation')).filter((l) => l.event_access === 'administration');
      return found.length >= 5 ? found : undefined;
    });
    const summary = entries.map(
      (l) => `${l.event_scope} ${l.context_data?.entity_type} ${l.context_data?.entity_name}`,
    );
    expect(summary).toEqual(
      expect.arrayContaining([
        'create Role Audited role',
        'create Group Audited group',
        'update Group Audited group',
        'create User audited',
        'update User audited',
      ]),
    );
    expect(new Set(entries.map((l) => l.user?.name))).toEqual(new Set(['admin']));
    const inputs = entries.map((l) => l.context_data?.input ?? '').join('\n');
    expect(inputs).not.toContain(PASSWORD);
    expect(inputs).toContain('(secret)');
  });

  it('records logins and failed logins, never the password', async () => {
    expect((await login('audited@example.org', 'wrong password')).status).toBe(401);
    expect((await login('audited@example.org', `${PASSWORD} changed`)).status).toBe(200);
    const token = await gql<{ token: string | null }>(
      `mutation($e: String!, $p: String!) { token(input: { email: $e, password: $p }) }`,
      { e: 'audited@example.org', p: `${PASSWORD} changed` },
    );
    expect(token.token).toMatch(/^[0-9a-f-]{36}$/);
    const entries = await eventually(async () => {
      const found = await audits('authentication');
      return found.length >= 3 ? found : undefined;
    });
    expect(entries.map((l) => `${l.event_scope} ${l.event_status}`)).toEqual([
      'login_failed error',
      'login success',
      'login success',
    ]);
    expect(entries[0]?.context_data?.reason).toBeTruthy();
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });
});
