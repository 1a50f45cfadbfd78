import { rmSync } from 'node:fs';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import type { GraphQLSchema, IntrospectionQuery } from 'graphql';
import { embeddedTestEnv, startEmbedded } from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { operationCall } from './graphql-operation-args.util';

const TOKEN = '3f2a9c1e-5b7d-4e8f-a1c2-6d9e0b4f7a21';

// Operations any signed-in user may call (declared @Authenticated()); everything else needs a
// capability. Adding one here is a decision about who may call it.
const AUTHENTICATED_ONLY = new Set([
  'query.me',
  'query.about',
  'query.settings',
  'mutation.logout',
]);
// Operations anyone may call: signing in.
const ANONYMOUS = new Set(['mutation.token']);

type GraphqlAnswer = {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
};

async function graphql(
  url: string,
  token: string | undefined,
  body: { query: string; variables?: Record<string, unknown> },
): Promise<GraphqlAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as GraphqlAnswer;
}

describe('every GraphQL operation is guarded', () => {
  let platform: EmbeddedPlatform;
  let env: Record<string, string>;
  let schema: GraphQLSchema;
  let powerless: string;

  beforeAll(async () => {
    env = embeddedTestEnv(TOKEN);
    platform = await startEmbedded(env, 'core');
    const introspection = await graphql(platform.url, TOKEN, { query: getIntrospectionQuery() });
    schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);
    // A user in one group with no role: signed in, no capability at all.
    const added = await graphql(platform.url, TOKEN, {
      query: `mutation { groupAdd(input: { name: "Nothing" }) { id } }`,
    });
    const groupId = (added.data?.groupAdd as { id: string }).id;
    const user = await graphql(platform.url, TOKEN, {
      query: `mutation($g: [String!]) { userAdd(input: { name: "powerless", user_email: "powerless@example.org", groups: $g }) { id } }`,
      variables: { g: [groupId] },
    });
    if (!user.data?.userAdd) throw new Error(JSON.stringify(user));
    const userId = (user.data.userAdd as { id: string }).id;
    const token = await graphql(platform.url, TOKEN, {
      query: `mutation($u: ID!) { userAdminTokenAdd(userId: $u, input: { name: "probe" }) { plaintext_token } }`,
      variables: { u: userId },
    });
    powerless = (token.data?.userAdminTokenAdd as { plaintext_token: string }).plaintext_token;
  }, 120_000);

  afterAll(async () => {
    await platform.app.close();
    rmSync(env.THREATLOOM_DATA_DIR as string, { recursive: true, force: true });
  });

  function operations() {
    const roots = [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
    ] as const;
    return roots.flatMap(([kind, type]) =>
      Object.values(type?.getFields() ?? {}).map((field) => ({
        key: `${kind}.${field.name}`,
        call: operationCall(kind, field),
      })),
    );
  }

  it('refuses a caller without capabilities on every operation but the signed-in ones', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(150);
    const unexpected: string[] = [];
    for (const { key, call } of ops) {
      if (!call) continue; // needs a file upload: covered by the upload tests
      const answer = await graphql(platform.url, powerless, call);
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
      const messages = (answer.errors ?? []).map((e) => e.message).join('; ');
      if (messages.includes('declares no capability')) unexpected.push(`${key}: no guard`);
      else if (ANONYMOUS.has(key)) continue;
      else if (AUTHENTICATED_ONLY.has(key)) {
        if (codes.includes('FORBIDDEN')) unexpected.push(`${key}: refused a signed-in user`);
      } else if (!codes.includes('FORBIDDEN')) {
        unexpected.push(`${key}: ${messages || 'answered'}`);
      }
    }
    expect(unexpected).toEqual([]);
  }, 300_000);

  it('asks an anonymous caller to sign in on every operation', async () => {
    const unexpected: string[] = [];
    for (const { key, call } of operations()) {
      if (!call || ANONYMOUS.has(key)) continue;
      const answer = await graphql(platform.url, undefined, call);
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
      if (!codes.includes('AUTH_REQUIRED')) {
        unexpected.push(`${key}: ${JSON.stringify(answer).slice(0, 200)}`);
      }
    }
    expect(unexpected).toEqual([]);
  }, 300_000);
});
