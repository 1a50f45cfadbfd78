import { randomUUID } from 'node:crypto';
import { loopbackPortBase, startRole, stopRole, waitReady } from '@lib/testing';
import type { PlatformProcess } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { CookieJar } from '../../../test/support/cookie-jar.util';
import { embeddedTestEnv } from '../../../test/support/embedded-platform.util';
import { startOidcTestProvider } from '../../../test/support/oidc-test-provider.util';
import type { OidcTestProvider } from '../../../test/support/oidc-test-provider.util';
import { createMemberships, sessionUserId, userAsAdmin } from '../../../test/support/sso-user.util';

// Issue #8: OpenID Connect login against a real provider (oidc-provider in its own process):
// authorization code with PKCE, state and nonce; the account's groups and organizations claims
// mapped onto the user; the session cookie opens the API; a tampered state is refused.

const TOKEN = randomUUID();
const PROVIDER = 'test-oidc';
const ACCOUNT = {
  sub: 'alice-0001',
  email: 'Alice.Analyst@Example.org',
  email_verified: true,
  name: 'Alice Analyst',
  given_name: 'Alice',
  family_name: 'Analyst',
  groups: ['cti-analysts', 'staff'],
  organizations: ['ACME Corp'],
};

type GqlBody = {
  data?: { about?: { version: string } };
  errors?: { extensions?: { code?: string } }[];
};

describe('single sign-on: OpenID Connect', () => {
  let idp: OidcTestProvider;
  let platform: PlatformProcess;
  let base: string;
  let port: number;
  const callback = () => `${base}/auth/${PROVIDER}/callback`;

  beforeAll(async () => {
    assertBuilt();
    port = loopbackPortBase();
    base = `http://127.0.0.1:${port}`;
    idp = await startOidcTestProvider(
      { client_id: 'threatloom', client_secret: 'a-client-secret', redirect_uris: [callback()] },
      ACCOUNT,
    );
    const providers = [
      {
        id: PROVIDER,
        type: 'oidc',
        label: 'Test identity provider',
        issuer: idp.issuer,
        clientId: 'threatloom',
        clientSecret: 'a-client-secret',
        scopes: ['openid', 'email', 'profile', 'groups'],
        claims: { groups: 'groups', organizations: 'organizations' },
        groupsMapping: ['cti-analysts:Analysts'],
        defaultGroups: ['Readers'],
      },
    ];
    const env = embeddedTestEnv(TOKEN, {
      THREATLOOM_PUBLIC_URL: base,
      THREATLOOM_AUTH_PROVIDERS: JSON.stringify(providers),
      // Every login of this file comes from one address, faster than a person would.
      THREATLOOM_AUTH_RATE_LIMIT: '1000',
    });
    platform = startRole('core', port, { PATH: process.env.PATH, HOME: process.env.HOME, ...env });
    await waitReady(platform);
    await createMemberships(port, TOKEN, ['Analysts', 'Readers'], ['ACME Corp']);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([platform && stopRole(platform), idp?.stop()]);
  }, 30_000);

  /** Starts a login in `jar` and follows the provider until it sends the browser back. */
  async function throughProvider(jar: CookieJar, path = `/auth/${PROVIDER}`): Promise<URL> {
    const { url } = await jar.follow(`${base}${path}`, (next) => next.startsWith(callback()));
    expect(url.startsWith(callback())).toBe(true);
    return new URL(url);
  }

  async function about(cookie?: string): Promise<GqlBody> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ query: '{ about { version } }' }),
    });
    return (await res.json()) as GqlBody;
  }

  it('lists the provider for the login page', async () => {
    const res = await fetch(`${base}/auth/providers`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { id: PROVIDER, type: 'oidc', label: 'Test identity provider', url: `/auth/${PROVIDER}` },
    ]);
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const jar = new CookieJar();
    const res = await jar.send(`${base}/auth/${PROVIDER}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin).toBe(idp.issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    for (const name of ['code_challenge', 'state', 'nonce']) {
      expect(location.searchParams.get(name)?.length).toBeGreaterThan(20);
    }
    expect(location.searchParams.get('redirect_uri')).toBe(callback());
    expect(jar.has('threatloom.sso')).toBe(true);
  });

  it('signs the user in, created with the mapped groups and organizations', async () => {
    expect((await about()).errors?.[0]?.extensions?.code).toBe('AUTH_REQUIRED');
    const jar = new CookieJar();
    const back = await throughProvider(jar, `/auth/${PROVIDER}?redirect=/dashboard?tab=1`);
    const res = await jar.send(back.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dashboard?tab=1');
    expect(jar.has('threatloom.sid')).toBe(true);
    expect(jar.has('threatloom.sso')).toBe(false);

    const signedIn = await about(jar.header());
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.about?.version).toEqual(expect.any(String));

    const id = await sessionUserId(base, jar.header());
    expect(id).toEqual(expect.any(String));
    expect(await userAsAdmin(port, TOKEN, id ?? '')).toMatchObject({
      user_email: 'alice.analyst@example.org',
      name: 'Alice Analyst',
      firstname: 'Alice',
      lastname: 'Analyst',
      external: true,
      // Only the mapped IdP group, plus the provider's default group; organizations as named.
      groups: ['Analysts', 'Readers'],
      organizations: ['ACME Corp'],
    });
  }, 30_000);

  it('refuses a tampered state, and the transaction cannot be replayed', async () => {
    const jar = new CookieJar();
    const back = await throughProvider(jar);
    const tampered = new URL(back.href);
    tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
    const res = await jar.send(tampered.href);
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('SSO_REJECTED');
    expect(body.message).toMatch(/state/i);
    expect(jar.has('threatloom.sid')).toBe(false);

    // The transaction was spent by the refused attempt: the genuine answer is refused as well.
    const replay = await jar.send(back.href);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('SSO_NO_TRANSACTION');
    expect(jar.has('threatloom.sid')).toBe(false);
  }, 30_000);

  it('refuses an answer brought back by another browser than the one that asked', async () => {
    const back = await throughProvider(new CookieJar());
    const other = new CookieJar();
    const res = await other.send(back.href);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('SSO_NO_TRANSACTION');
    expect(other.has('threatloom.sid')).toBe(false);
  }, 30_000);

  it("reports the provider's own error", async () => {
    const jar = new CookieJar();
    const start = await jar.send(`${base}/auth/${PROVIDER}`);
    const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
    // What the provider sends back when the user cancels (RFC 9207: with its issuer).
    const answer = new URLSearchParams({
      error: 'access_denied',
      error_description: 'user cancelled',
      state,
      iss: idp.issuer,
    });
    const res = await jar.send(`${callback()}?${answer.toString()}`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: 'SSO_PROVIDER_ERROR',
      message: 'Test identity provider refused the login (access_denied: user cancelled)',
    });
  });

  it('answers 404 for an unknown provider', async () => {
    const res = await fetch(`${base}/auth/nobody`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toBe('SSO_UNKNOWN_PROVIDER');
  });
});
