import { rmSync } from 'node:fs';
import { EntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import {
  TEST_ADMIN_PASSWORD,
  embeddedTestEnv,
  startEmbedded,
} from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';
import { BrowserSession } from './support/browser-session.util';
import { addPlainUser } from './support/plain-user.util';

// Local login and sessions on an embedded platform: the session cookie alone authenticates
// GraphQL, logout and logout-all end sessions, repeated failures lock an email, CSRF tokens guard
// cookie-authenticated posts, and only BYPASS callers may act as another user.

const TOKEN = 'b1c2d3e4-1234-4abc-9def-0123456789ab';
const ADMIN = 'admin@threatloom.local';
const PLAIN = {
  email: 'plain@example.org',
  password: 'plain password 1',
  token: 'c1d2e3f4-1234-4abc-9def-0123456789ab',
};
const VICTIM = {
  email: 'victim@example.org',
  password: 'victim password 1',
  token: 'd1e2f3a4-5678-4abc-9def-0123456789ab',
};
const ABOUT = '{ about { version } }';
const SESSION = 'threatloom.sid';

describe('Local login and sessions (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;
  let plainId: string;
  const browser = () => new BrowserSession(platform.url);

  beforeAll(async () => {
    const env = embeddedTestEnv(TOKEN, {
      THREATLOOM_LOGIN_MAX_FAILURES: '3',
      THREATLOOM_LOGIN_LOCK_MIN: '5',
    });
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
    plainId = await addPlainUser(platform.app, PLAIN);
    await addPlainUser(platform.app, VICTIM);
  });

  afterAll(async () => {
    await platform?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs the bootstrap admin in: the session cookie alone authenticates GraphQL', async () => {
    const anonymous = await browser().graphql(ABOUT);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('AUTH_REQUIRED');
    const admin = browser();
    const res = await admin.login(ADMIN, TEST_ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: '88ec0c6a-13ce-5e39-b486-354fe4a7084f',
      user_email: ADMIN,
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const about = await admin.graphql(ABOUT);
    expect(about.body).toEqual({ data: { about: { version: expect.any(String) } } });
    // The session is listed with the user, under an id that is not the cookie's.
    const me = await admin.graphql('{ me { sessions { id created ttl originalMaxAge } } }');
    const sessions = (me.body.data as { me: { sessions: { id: string; created: string }[] } }).me
      .sessions;
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(sessions[0]?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(cookie).not.toContain(sessions[0]?.id ?? 'none');
    expect(Date.parse(sessions[0]?.created ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers one generic 401 for a wrong password and an unknown email', async () => {
    const wrong = await browser().login(ADMIN, 'not the password');
    const unknown = await browser().login('nobody@example.org', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const bodies = [await wrong.json(), await unknown.json()];
    expect(bodies[0]).toEqual({ error: 'LOGIN_FAILED', message: 'Invalid email or password' });
    expect(bodies[1]).toEqual(bodies[0]);
    const empty = await browser().fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "x@example.org"}',
    });
    expect(empty.status).toBe(400);
  });

  it('takes a login form post with its CSRF token, and redirects within the site only', async () => {
    const form = (fields: Record<string, string>) => ({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const credentials = { email: ADMIN, password: TEST_ADMIN_PASSWORD };
    const page = browser();
    const forged = await page.fetch('/auth/login', form({ ...credentials, redirect: '/home' }));
    expect(forged.status).toBe(403);
    expect(page.has(SESSION)).toBe(false);
    const _csrf = await page.csrfToken();
    const res = await page.fetch('/auth/login', form({ ...credentials, redirect: '/home', _csrf }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/home');
    expect((await page.graphql(ABOUT)).body.data).toBeTruthy();
    const elsewhere = browser();
    const token = await elsewhere.csrfToken();
    const open = await elsewhere.fetch(
      '/auth/login',
      form({ ...credentials, redirect: '//evil.example/', _csrf: token }),
    );
    expect(open.status).toBe(200);
  });

  it('upgrades a legacy scrypt hash to argon2id at the first login', async () => {
    const res = await browser().login(PLAIN.email, PLAIN.password);
    expect(res.status).toBe(200);
    const stored = await platform.app.get(EntityStore).get(systemContext('test'), plainId);
    expect(stored?.attributes.password).toMatch(/^\$argon2id\$/);
    expect((await browser().login(PLAIN.email, PLAIN.password)).status).toBe(200);
  });

  it('locks an email after repeated failures: even the right password is refused', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await browser().login(VICTIM.email, `wrong ${i}`)).status).toBe(401);
    }
    const locked = await browser().login(VICTIM.email, VICTIM.password);
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ error: 'LOGIN_LOCKED' });
    // Its API token still works: the lock guards password logins only.
    const res = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${VICTIM.token}` },
      body: JSON.stringify({ query: ABOUT }),
    });
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      about: { version: expect.any(String) },
    });
  });

  it('logs out: needs the CSRF token, then the cookie no longer works', async () => {
    const admin = browser();
    await admin.login(ADMIN, TEST_ADMIN_PASSWORD);
    const replay = admin.cookie(SESSION);
    const forged = await admin.fetch('/auth/logout', { method: 'POST' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ error: 'CSRF_TOKEN_INVALID' });
    expect((await admin.graphql(ABOUT)).body.data).toBeTruthy();
    const out = await admin.post('/auth/logout');
    expect(out.status).toBe(200);
    const after = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: replay },
      body: JSON.stringify({ query: ABOUT }),
    });
    const body = (await after.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('AUTH_REQUIRED');
  });

  it('logs out everywhere: another browser of the same user loses its session', async () => {
    const laptop = browser();
    const phone = browser();
    await laptop.login(ADMIN, TEST_ADMIN_PASSWORD);
    await phone.login(ADMIN, TEST_ADMIN_PASSWORD);
    const other = browser();
    await other.login(PLAIN.email, PLAIN.password);
    const res = await phone.post('/auth/logout-all');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sessions: expect.any(Number) });
    expect((await laptop.graphql(ABOUT)).body.errors?.[0]?.extensions?.code).toBe('AUTH_REQUIRED');
    expect((await phone.graphql(ABOUT)).body.errors?.[0]?.extensions?.code).toBe('AUTH_REQUIRED');
    // Another user's session stays.
    expect((await other.graphql(ABOUT)).body.data).toBeTruthy();
  });

  it('refuses a cross-site simple POST to /graphql that carries the session cookie', async () => {
    const admin = browser();
    await admin.login(ADMIN, TEST_ADMIN_PASSWORD);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType, cookie: admin.cookie(SESSION) },
        body:
          contentType === 'text/plain'
            ? JSON.stringify({ query: 'mutation { logout }' })
            : 'query=mutation%20%7B%20logout%20%7D',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Cross-Site Request Forgery/);
    }
    // Nothing ran: the session is still there.
    expect((await admin.graphql(ABOUT)).body.data).toBeTruthy();
  });

  it('lets a BYPASS caller act as another user (opencti-applicant-id), and no one else', async () => {
    const as = async (token: string, applicant?: string) => {
      const res = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          ...(applicant ? { 'opencti-applicant-id': applicant } : {}),
        },
        body: JSON.stringify({
          query: '{ stixDomainObjects(first: 1) { edges { node { id } } } }',
        }),
      });
      return {
        status: res.status,
        body: (await res.json()) as { errors?: { extensions: { code: string } }[] },
      };
    };
    expect((await as(TOKEN)).body.errors).toBeUndefined();
    // The admin acting as the plain user reads with the plain user's rights (no KNOWLEDGE).
    const impersonated = await as(TOKEN, plainId);
    expect(impersonated.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const refused = await as(PLAIN.token, '88ec0c6a-13ce-5e39-b486-354fe4a7084f');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'APPLICANT_FORBIDDEN' });
    const rest = await fetch(`${platform.url}/storage/get/whatever`, {
      headers: { authorization: `Bearer ${PLAIN.token}`, 'opencti-applicant-id': plainId },
    });
    expect(rest.status).toBe(403);
  });

  it('takes Basic authentication with an email and password on REST routes', async () => {
    const basic = (email: string, password: string) =>
      `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
    const discovery = (authorization: string) =>
      fetch(`${platform.url}/taxii2/`, { headers: { authorization } });
    expect((await discovery(basic(ADMIN, TEST_ADMIN_PASSWORD))).status).toBe(200);
    expect((await discovery(basic(ADMIN, 'wrong password'))).status).toBe(401);
    expect((await discovery(basic(ADMIN, TOKEN))).status).toBe(200);
  });

  it('trades an email and password for the API token (token mutation), through the lockout', async () => {
    const mutate = async (password: string) => {
      const res = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation($input: UserLoginInput) { token(input: $input) }',
          variables: { input: { email: PLAIN.email, password } },
        }),
      });
      return (await res.json()) as { data: { token: string | null }; errors?: { name: string }[] };
    };
    expect((await mutate(PLAIN.password)).data.token).toBe(PLAIN.token);
    const wrong = await mutate('wrong');
    expect(wrong.data.token).toBeNull();
    expect(wrong.errors?.[0]?.name).toBe('LOGIN_FAILED');
  });
});
