import { rmSync } from 'node:fs';
import { PYCTI_VENVS, runPyctiScript } from '../../../test/compat/pycti/pycti-runner.util';
import { embeddedTestEnv, startEmbedded } from '../../../test/support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../../test/support/embedded-platform.util';

// The HTTP surface's hardening on an embedded platform: security headers everywhere, clear 400/401
// answers without stack traces, GraphQL depth and cost limits that pycti's richest reads pass, and
// the rate limit of /auth.

const TOKEN = 'e1f2a3b4-1234-4abc-9def-0123456789ab';
const RATE_LIMIT = 40;

describe('HTTP hardening (embedded)', () => {
  let platform: EmbeddedPlatform;
  let dir: string;

  const graphql = async (query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    const env = embeddedTestEnv(TOKEN, { THREATLOOM_AUTH_RATE_LIMIT: String(RATE_LIMIT) });
    dir = env.THREATLOOM_DATA_DIR as string;
    platform = await startEmbedded(env, 'core');
  });

  afterAll(async () => {
    await platform?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the security headers on every answer, with a strict CSP', async () => {
    for (const path of ['/health', '/graphql', '/auth/csrf', '/taxii2/']) {
      const res = await fetch(`${platform.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers malformed requests and bad tokens with a clear 400/401, never a stack trace', async () => {
    const malformed = await fetch(`${platform.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    const malformedText = await malformed.text();
    expect(JSON.parse(malformedText)).toMatchObject({ statusCode: 400 });
    expect(malformedText).not.toMatch(/\bat \w+.*\.js:\d+/);
    const badToken = await fetch(`${platform.url}/storage/get/some-file`, {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(badToken.status).toBe(401);
    expect(await badToken.json()).toEqual({
      error: 'AUTH_REQUIRED',
      message: 'Authentication required',
    });
    const broken = await graphql('{ about { version ');
    expect(broken.status).toBe(400);
    expect(broken.text).not.toContain('stacktrace');
  });

  it('refuses a too deep query with 400 and says why', async () => {
    let selection = 'id';
    for (let i = 0; i < 30; i += 1) selection = `id createdBy { ... on Identity { ${selection} } }`;
    const res = await graphql(
      `{ stixDomainObjects(first: 1) { edges { node { ${selection} } } } }`,
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/too deep: it selects more than 25 levels/);
  });

  it('refuses a query whose pages multiply past the cost limit', async () => {
    const fields = Array.from({ length: 300 }, (_, i) => `f${i}: id`).join(' ');
    const res = await graphql(
      `{ stixDomainObjects(first: 5000) { edges { node { ${fields} } } } }`,
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', maxCost: 1_000_000 } }],
    });
    const small = await graphql(
      `{ stixDomainObjects(first: 50) { edges { node { ${fields} } } } }`,
    );
    expect(small.status).toBe(200);
  });

  it.each(PYCTI_VENVS)(
    "lets pycti's richest reads through both limits (%s)",
    async (venv) => {
      const result = await runPyctiScript<{ sent: number; refused: unknown[] }>(
        venv,
        `${__dirname}/pycti_deep_reads.py`,
        [platform.url, TOKEN],
      );
      expect(result.sent).toBeGreaterThan(50);
      expect(result.refused).toEqual([]);
    },
    300_000,
  );

  it('rate limits /auth per client address with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT + 1; i += 1) {
      statuses.push((await fetch(`${platform.url}/auth/csrf`)).status);
    }
    expect(statuses.slice(0, RATE_LIMIT - 5).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Other surfaces are not limited by it.
    expect((await graphql('{ about { version } }')).status).toBe(200);
  });
});
