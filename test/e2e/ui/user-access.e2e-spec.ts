import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';
import { graphqlAdd } from '../../support/graphql-add.util';

const TOKEN = '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d';
const MIRA = { name: 'Mira Vale', email: 'mira@example.org', password: 'Fennel-Quartz-73!' };

// An admin sees whether a user has an API token, rotates it (the new one shown once, the old one
// refused at once), lists the user's live sessions and ends one, then all of them: the user's
// browsers are signed out. Each change is in the audit log.
jest.setTimeout(30_000);

describe('API token and sessions in the user admin page (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let admin: Page;
  let problems: string[];
  let miraId: string;
  let miraToken: string;
  let newToken: string;
  const miraPages: Page[] = [];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token = TOKEN) =>
    platformGraphql<T>(platform.port, token, query, variables);
  const create = graphqlAdd(gql);
  const signedIn = async (page: Page) => {
    await page.goto(`${platform.url}/dashboard`);
    return new URL(page.url()).pathname !== '/login';
  };
  const post = (selector: string) =>
    Promise.all([admin.waitForURL(/notice=/), admin.click(selector)]);

  beforeAll(async () => {
    const roleId = await create('roleAdd', { name: 'Readers', capabilities: ['KNOWLEDGE'] });
    const groupId = await create('groupAdd', { name: 'Reading room' });
    await gql(
      `mutation($g: ID!, $r: ID!) { groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } } }`,
      { g: groupId, r: roleId },
    );
    miraId = await create('userAdd', {
      name: MIRA.name,
      user_email: MIRA.email,
      password: MIRA.password,
      groups: [groupId],
    });
    const read = await gql<{ user: { api_token: string } }>(
      `query($id: String!) { user(id: $id) { api_token } }`,
      { id: miraId },
    );
    miraToken = read.user.api_token;
    browser = await launchBrowser();
    for (let i = 0; i < 2; i += 1) {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, platform.url, MIRA.email, MIRA.password);
      miraPages.push(page);
    }
    admin = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    problems = watchProblems(admin);
    await signIn(admin, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows that the user has a token and lists the user's two sessions", async () => {
    await admin.goto(`${platform.url}/admin/users/${miraId}`);
    await expect(admin.locator('#token-state').textContent()).resolves.toBe(
      'The user has an API token.',
    );
    await expect(admin.locator('#user-sessions tbody tr').count()).resolves.toBe(2);
    // The token itself is not on the page.
    expect(await admin.content()).not.toContain(miraToken);
    await admin.locator('.user-access').scrollIntoViewIfNeeded();
    await keepScreenshot(admin, 'admin-user-access');
  });

  it('ends one session: one of her browsers is signed out, the other not', async () => {
    await post('#user-sessions tbody tr:first-child button');
    await expect(admin.locator('.notice.ok').textContent()).resolves.toBe('The session was ended.');
    await expect(admin.locator('#user-sessions tbody tr').count()).resolves.toBe(1);
    const states = await Promise.all(miraPages.map(signedIn));
    expect(states.filter(Boolean)).toHaveLength(1);
  });

  it('rotates the token: the new one shown once, the old one refused', async () => {
    await admin.goto(`${platform.url}/admin/users/${miraId}`);
    await Promise.all([
      admin.waitForResponse((r) => r.url().endsWith('/token')),
      admin.click('text=Rotate the API token'),
    ]);
    const token = await admin.locator('#new-token').inputValue();
    newToken = token;
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(token).not.toBe(miraToken);
    await expect(gql('{ me { name } }', {}, miraToken)).rejects.toThrow();
    await expect(gql<{ me: { name: string } }>('{ me { name } }', {}, token)).resolves.toEqual({
      me: { name: MIRA.name },
    });
    await admin.goto(`${platform.url}/admin/users/${miraId}`);
    expect(await admin.content()).not.toContain(token);
  });

  it('ends all her sessions', async () => {
    await post('text=End all sessions');
    await expect(admin.locator('#no-sessions').textContent()).resolves.toBe('No live session.');
    const states = await Promise.all(miraPages.map(signedIn));
    expect(states).toEqual([false, false]);
  });

  it('recorded the rotation and the ended sessions in the audit log, without the token', async () => {
    let inputs: string[] = [];
    // Entries are written in batches (every second by default).
    for (let tries = 0; tries < 20; tries++) {
      const audits = await gql<{
        audits: { edges: { node: { context_data: { input: string | null } } }[] };
      }>('{ audits(first: 200) { edges { node { context_data { input } } } } }');
      inputs = audits.audits.edges.map((e) => e.node.context_data.input ?? '');
      if (inputs.filter((i) => i.includes('sessions_ended')).length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(inputs.filter((i) => i.includes('token_renewed'))).toHaveLength(1);
    expect(inputs.filter((i) => i.includes('sessions_ended'))).toHaveLength(2);
    expect(inputs.some((i) => i.includes(newToken) || i.includes(miraToken))).toBe(false);
  });

  it('a non-admin cannot rotate a token (refused before anything changes)', async () => {
    const page = miraPages[0]!;
    await signIn(page, platform.url, MIRA.email, MIRA.password);
    const csrf = (await page.locator('meta[name=csrf-token]').getAttribute('content')) ?? '';
    const answer = await page.request.post(`${platform.url}/admin/users/${miraId}/token`, {
      headers: { 'x-csrf-token': csrf },
      maxRedirects: 0,
    });
    expect(answer.status()).toBe(403);
    await expect(gql('{ me { name } }', {}, newToken)).resolves.toEqual({
      me: { name: MIRA.name },
    });
  });

  it('had no console error, page error or server error', () => {
    expect(problems).toEqual([]);
  });
});
