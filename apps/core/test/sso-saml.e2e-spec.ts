import { randomUUID } from 'node:crypto';
import { loopbackPortBase, platformGraphql, startRole, stopRole, waitReady } from '@lib/testing';
import type { PlatformProcess } from '@lib/testing';
import { assertBuilt } from '../../../test/support/cli.util';
import { CookieJar } from '../../../test/support/cookie-jar.util';
import { embeddedTestEnv } from '../../../test/support/embedded-platform.util';
import {
  authnRequestId,
  samlResponse,
  samlTestKey,
} from '../../../test/support/saml-test-idp.util';
import type { SamlAssertionInput, SamlTestKey } from '../../../test/support/saml-test-idp.util';
import { createMemberships, sessionUserId, userAsAdmin } from '../../../test/support/sso-user.util';

// Issue #8: SAML 2.0 login. The test is the identity provider: it reads the AuthnRequest the
// platform redirects to, and POSTs back responses it signs with its own self-signed key. A good
// signature signs the user in; another key, a tampered assertion, another audience, an expired
// assertion, a replayed or an unsolicited response are refused with 401 and no session.

const TOKEN = randomUUID();
const PROVIDER = 'test-saml';
const IDP = 'https://idp.example.test/saml';
const SP = 'https://threatloom.example.test/saml';
const EMAIL = 'bob.responder@example.org';

type GqlBody = { data?: { about?: { version: string } }; errors?: unknown[] };

describe('single sign-on: SAML 2.0', () => {
  let idpKey: SamlTestKey;
  let otherKey: SamlTestKey;
  let platform: PlatformProcess;
  let base: string;
  let port: number;
  const callback = () => `${base}/auth/${PROVIDER}/callback`;

  beforeAll(async () => {
    assertBuilt();
    [idpKey, otherKey] = await Promise.all([samlTestKey('idp'), samlTestKey('impostor')]);
    port = loopbackPortBase();
    base = `http://127.0.0.1:${port}`;
    const providers = [
      {
        id: PROVIDER,
        type: 'saml',
        label: 'Corporate SAML',
        entryPoint: `${IDP}/sso`,
        issuer: SP,
        idpIssuer: IDP,
        idpCert: idpKey.cert,
        attributes: {
          email: 'mail',
          name: 'displayName',
          groups: 'memberOf',
          organizations: 'org',
        },
        groupsMapping: ['CN=SOC,OU=Groups:Analysts', 'CN=Admins,OU=Groups:Administrators'],
      },
    ];
    const env = embeddedTestEnv(TOKEN, {
      THREATLOOM_PUBLIC_URL: base,
      THREATLOOM_AUTH_PROVIDERS: JSON.stringify(providers),
      // Every login of this file comes from one address, faster than a person would.
      THREATLOOM_AUTH_RATE_LIMIT: '1000',
      THREATLOOM_AUDIT_FLUSH_MS: '100',
    });
    platform = startRole('core', port, { PATH: process.env.PATH, HOME: process.env.HOME, ...env });
    await waitReady(platform);
    // Administrators is one of the groups every platform starts with.
    await createMemberships(port, TOKEN, ['Analysts'], ['ACME Corp', 'CERT-EU']);
  }, 90_000);

  afterAll(async () => {
    if (platform) await stopRole(platform);
  }, 30_000);

  /** Starts a login: the AuthnRequest's id and the RelayState the IdP must send back. */
  async function start(jar: CookieJar, redirect?: string) {
    const query = redirect ? `?redirect=${encodeURIComponent(redirect)}` : '';
    const res = await jar.send(`${base}/auth/${PROVIDER}${query}`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`${IDP}/sso?`)).toBe(true);
    return {
      requestId: authnRequestId(location),
      relayState: new URL(location).searchParams.get('RelayState') ?? '',
    };
  }

  function assertion(requestId: string | undefined, overrides: Partial<SamlAssertionInput> = {}) {
    return samlResponse({
      idpIssuer: IDP,
      ...(requestId ? { inResponseTo: requestId } : {}),
      destination: callback(),
      audience: SP,
      nameId: EMAIL,
      attributes: {
        mail: [EMAIL],
        displayName: ['Bob Responder'],
        memberOf: ['CN=SOC,OU=Groups', 'CN=Everyone,OU=Groups'],
        org: ['ACME Corp', 'CERT-EU'],
      },
      signWith: idpKey,
      ...overrides,
    });
  }

  async function post(jar: CookieJar, xml: string, relayState = ''): Promise<Response> {
    return jar.send(callback(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        SAMLResponse: Buffer.from(xml).toString('base64'),
        RelayState: relayState,
      }).toString(),
    });
  }

  async function refused(res: Response, jar: CookieJar): Promise<string> {
    expect(res.status).toBe(401);
    expect(jar.has('threatloom.sid')).toBe(false);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('SSO_REJECTED');
    return body.message;
  }

  async function about(cookie: string): Promise<GqlBody> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: '{ about { version } }' }),
    });
    return (await res.json()) as GqlBody;
  }

  it('publishes the service provider metadata', async () => {
    const res = await fetch(`${base}/auth/${PROVIDER}/metadata`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await res.text();
    expect(xml).toContain(`entityID="${SP}"`);
    expect(xml).toContain(`Location="${callback()}"`);
  });

  it('lists the provider for the login page', async () => {
    const res = await fetch(`${base}/auth/providers`);
    expect(await res.json()).toEqual([
      { id: PROVIDER, type: 'saml', label: 'Corporate SAML', url: `/auth/${PROVIDER}` },
    ]);
  });

  it('accepts a response signed by the IdP: the user is provisioned and signed in', async () => {
    const jar = new CookieJar();
    const { requestId, relayState } = await start(jar, '/reports?x=1');
    expect(relayState).toBe('/reports?x=1');
    const res = await post(jar, assertion(requestId), relayState);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/reports?x=1');
    expect(jar.has('threatloom.sid')).toBe(true);

    const body = await about(jar.header());
    expect(body.errors).toBeUndefined();
    expect(body.data?.about?.version).toEqual(expect.any(String));
    const id = await sessionUserId(base, jar.header());
    expect(await userAsAdmin(port, TOKEN, id ?? '')).toMatchObject({
      user_email: EMAIL,
      name: 'Bob Responder',
      external: true,
      // CN=SOC is mapped, CN=Everyone is not; CN=Admins was not asserted.
      groups: ['Analysts'],
      organizations: ['ACME Corp', 'CERT-EU'],
    });

    // The same response again: the request it answers was already answered.
    const replay = new CookieJar();
    expect(await refused(await post(replay, assertion(requestId)), replay)).toMatch(
      /InResponseTo/i,
    );
  }, 30_000);

  it('moves the memberships at a later login as the IdP says', async () => {
    const jar = new CookieJar();
    const { requestId } = await start(jar);
    const attributes = { mail: [EMAIL], memberOf: ['CN=Admins,OU=Groups'], org: ['CERT-EU'] };
    expect((await post(jar, assertion(requestId, { attributes }))).status).toBe(302);
    const id = await sessionUserId(base, jar.header());
    // Logging in again from a browser already signed in (an IdP on the same site gets the
    // session cookie sent along with its POST): the signed assertion is the proof, no CSRF token.
    const again = await start(jar);
    expect((await post(jar, assertion(again.requestId, { attributes }))).status).toBe(302);
    expect(await sessionUserId(base, jar.header())).toBe(id);
    expect(await userAsAdmin(port, TOKEN, id ?? '')).toMatchObject({
      user_email: EMAIL,
      groups: ['Administrators'],
      organizations: ['CERT-EU'],
    });
  }, 30_000);

  it('refuses the login of a disabled account, and opens no session', async () => {
    const carol = 'carol.disabled@example.org';
    const attributes = { mail: [carol] };
    const first = new CookieJar();
    const created = await post(first, assertion((await start(first)).requestId, { attributes }));
    expect(created.status).toBe(302);
    const id = (await sessionUserId(base, first.header())) ?? '';
    await platformGraphql(
      port,
      TOKEN,
      `mutation($id: ID!) { userEdit(id: $id) {
        fieldPatch(input: [{ key: "account_status", value: ["Inactive"] }]) { id } } }`,
      { id },
    );
    const jar = new CookieJar();
    const res = await post(jar, assertion((await start(jar)).requestId, { attributes }));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: 'SSO_ACCOUNT_DISABLED',
      message: `The account ${carol} is disabled`,
    });
    expect(jar.has('threatloom.sid')).toBe(false);
  }, 30_000);

  it('refuses a response signed with another key', async () => {
    const jar = new CookieJar();
    const { requestId } = await start(jar);
    const message = await refused(
      await post(jar, assertion(requestId, { signWith: otherKey })),
      jar,
    );
    expect(message).toMatch(/signature/i);
  });

  it('refuses an assertion changed after it was signed', async () => {
    const jar = new CookieJar();
    const { requestId } = await start(jar);
    const forged = assertion(requestId).replaceAll(EMAIL, 'mallory@example.org');
    expect(forged).toContain('mallory@example.org');
    expect(await refused(await post(jar, forged), jar)).toMatch(/signature/i);
  });

  it('refuses an unsigned assertion', async () => {
    const jar = new CookieJar();
    const { requestId } = await start(jar);
    const unsigned = assertion(requestId, { signWith: undefined });
    expect(await refused(await post(jar, unsigned), jar)).toMatch(/signature/i);
  });

  it('refuses an assertion for another audience', async () => {
    const jar = new CookieJar();
    const { requestId } = await start(jar);
    const other = assertion(requestId, { audience: 'https://other-sp.example.test' });
    expect(await refused(await post(jar, other), jar)).toMatch(/audience/i);
  });

  it('refuses an expired assertion', async () => {
    // Its conditions ended five minutes ago (beyond the accepted 30 s clock skew)...
    const jar = new CookieJar();
    const late = assertion((await start(jar)).requestId, {
      notBefore: -900,
      notOnOrAfter: -300,
      confirmationNotOnOrAfter: 300,
    });
    expect(await refused(await post(jar, late), jar)).toMatch(/expired/i);
    // ...and so did the bearer confirmation of another, whose conditions still hold.
    const confirmation = assertion((await start(jar)).requestId, {
      confirmationNotOnOrAfter: -300,
    });
    expect(await refused(await post(jar, confirmation), jar)).toMatch(/subject confirmation/i);
    // Not valid yet either: starts in ten minutes.
    const early = assertion((await start(jar)).requestId, { notBefore: 600, notOnOrAfter: 900 });
    expect(await refused(await post(jar, early), jar)).toMatch(/not yet valid/i);
  });

  it('refuses an unsolicited response and a post without one', async () => {
    const jar = new CookieJar();
    expect(await refused(await post(jar, assertion(undefined)), jar)).toMatch(/InResponseTo/i);
    const empty = await jar.send(callback(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'RelayState=%2F',
    });
    expect(await refused(empty, jar)).toMatch(/No SAMLResponse/);
    const garbage = await post(jar, 'not xml at all');
    expect(garbage.status).toBe(401);
  });

  it('audits the logins and the refused ones', async () => {
    type Entry = {
      event_scope: string;
      event_status: string;
      user_id: string;
      context_data: { message: string | null; reason: string | null };
    };
    const query = `query($filters: FilterGroup) { audits(first: 200, filters: $filters) {
      edges { node { event_scope event_status user_id context_data { message reason } } } } }`;
    const filters = {
      mode: 'and',
      filters: [{ key: ['event_type'], values: ['authentication'] }],
      filterGroups: [],
    };
    const read = async () =>
      (
        await platformGraphql<{ audits: { edges: { node: Entry }[] } }>(port, TOKEN, query, {
          filters,
        })
      ).audits.edges.map((e) => e.node);
    const reasonsOf = (all: Entry[]) =>
      all.filter((e) => e.event_scope === 'login_failed').map((e) => e.context_data.reason ?? '');
    // The audit log is written asynchronously: wait for the refusals this test looks for, not
    // for a count (under load the first entries written need not be these).
    const wanted = [/signature/i, /audience/i, /expired/i];
    const deadline = Date.now() + 15_000;
    let entries = await read();
    while (!wanted.every((re) => reasonsOf(entries).some((r) => re.test(r)))) {
      if (Date.now() > deadline) throw new Error(`Audit entries: ${JSON.stringify(entries)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      entries = await read();
    }
    const logins = entries.filter((e) => e.event_scope === 'login');
    expect(logins.length).toBeGreaterThanOrEqual(2);
    expect(logins[0]).toMatchObject({
      event_status: 'success',
      context_data: { message: `logs in with ${PROVIDER}` },
    });
    const reasons = reasonsOf(entries);
    expect(reasons.some((r) => /signature/i.test(r))).toBe(true);
    expect(reasons.some((r) => /audience/i.test(r))).toBe(true);
    expect(reasons.some((r) => /expired/i.test(r))).toBe(true);
  }, 30_000);
});
