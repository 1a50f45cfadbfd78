import { platformGraphql } from '@lib/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
const ADMIN_EMAIL = 'admin@threatloom.local';
const GREEN = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const ANALYST = { name: 'Gwen Green', email: 'gwen@example.org', password: 'Lichen-Moss-42!x' };

// A browser and a platform share two cores with other work: steps get room to breathe.
jest.setTimeout(30_000);

// The admin console in a real browser: the admin builds a role, a group and a user through the
// forms; that user then sees only what the group grants, and not the console.
describe('Admin console (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let page: Page;
  let problems: string[];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  const submit = async (selector = 'form.admin-form button[type=submit]') => {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click(selector),
    ]);
    await page.waitForLoadState();
    return answer;
  };

  beforeAll(async () => {
    for (const [name, marking] of [
      ['Greenleaf Loader', GREEN],
      ['Amberleaf Loader', AMBER],
    ]) {
      await gql(`mutation($input: MalwareAddInput!) { malwareAdd(input: $input) { id } }`, {
        input: { name, is_family: true, objectMarking: [marking] },
      });
    }
    const connector = await gql<{ registerConnector: { id: string } }>(
      `mutation($input: RegisterConnectorInput) { registerConnector(input: $input) { id } }`,
      {
        input: {
          id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          name: 'Feed importer',
          type: 'EXTERNAL_IMPORT',
          scope: ['application/stix+json'],
        },
      },
    );
    await gql(
      `mutation($c: String!) { workAdd(connectorId: $c, friendlyName: "Nightly run") { id } }`,
      { c: connector.registerConnector.id },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    await signIn(page, platform.url, ADMIN_EMAIL, TEST_ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('sets the password policy in the settings, which show the env-only retention', async () => {
    await page.goto(`${platform.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await page.click('nav.tabs >> text=Settings');
    await page.fill('#field-password_policy_min_length', '12');
    await page.fill('#field-password_policy_min_symbols', '1');
    const answer = await submit();
    expect(answer.status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Settings saved.');
    await expect(page.locator('#field-password_policy_min_length').inputValue()).resolves.toBe(
      '12',
    );
    await expect(page.locator('dl.settings-readonly').textContent()).resolves.toContain('365 days');
  });

  it('creates a role with only the KNOWLEDGE capability from the capability tree', async () => {
    await page.goto(`${platform.url}/admin/roles/new`);
    await page.fill('#field-name', 'Green reader');
    await page.check('#cap-KNOWLEDGE');
    const answer = await submit();
    expect(answer.status()).toBe(303);
    expect(page.url()).toMatch(/\/admin\/roles\/[0-9a-f-]+\?notice=created$/);
    await expect(page.locator('#cap-KNOWLEDGE').isChecked()).resolves.toBe(true);
    await expect(page.locator('#cap-KNOWLEDGE_KNUPDATE').isChecked()).resolves.toBe(false);
  });

  it('creates a group granting TLP:GREEN only, with that role', async () => {
    await page.goto(`${platform.url}/admin/groups/new`);
    await page.fill('#field-name', 'Green team');
    await page.fill('#field-max_confidence', '60');
    await page.locator('fieldset', { hasText: 'Roles' }).getByLabel('Green reader').check();
    await page
      .locator('fieldset', { hasText: 'Allowed markings' })
      .getByLabel('TLP:GREEN', { exact: true })
      .check();
    const answer = await submit();
    expect(answer.status()).toBe(303);
    await page.goto(`${platform.url}/admin/groups`);
    const row = page.locator('table.data tbody tr', { hasText: 'Green team' });
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('Green reader');
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('TLP:GREEN');
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('60');
  });

  it('refuses a weak password with the broken rules, keeping what was typed', async () => {
    await page.goto(`${platform.url}/admin/users/new`);
    await expect(page.locator('#field-password-hint').textContent()).resolves.toContain(
      'at least 12 characters',
    );
    await page.fill('#field-name', ANALYST.name);
    await page.fill('#field-user_email', ANALYST.email);
    await page.fill('#field-password', 'short');
    await page.locator('fieldset', { hasText: 'Groups' }).getByLabel('Green team').check();
    const answer = await submit();
    expect(answer.status()).toBe(400);
    const alert = page.locator('#form-problem');
    await expect(alert.textContent()).resolves.toContain('password policy');
    await expect(alert.locator('li').allTextContents()).resolves.toEqual([
      'The password needs at least 12 characters (it has 5).',
      'The password needs at least 1 symbols (it has 0).',
    ]);
    await expect(page.locator('#field-name').inputValue()).resolves.toBe(ANALYST.name);
    await expect(page.locator('#field-user_email').inputValue()).resolves.toBe(ANALYST.email);
    await expect(
      page.locator('fieldset', { hasText: 'Groups' }).getByLabel('Green team').isChecked(),
    ).resolves.toBe(true);
  });

  it('creates the user in the group, then refuses a second user with the same email', async () => {
    await page.fill('#field-password', ANALYST.password);
    const answer = await submit();
    expect(answer.status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('User created.');
    await keepScreenshot(page, 'admin-user-edit');
    await page.goto(`${platform.url}/admin/users`);
    const row = page.locator('table.data tbody tr', { hasText: ANALYST.email });
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('Green team');
    await keepScreenshot(page, 'admin-users');

    await page.goto(`${platform.url}/admin/users/new`);
    await page.fill('#field-name', 'Someone else');
    await page.fill('#field-user_email', ANALYST.email.toUpperCase());
    await page.fill('#field-password', ANALYST.password);
    const duplicate = await submit();
    expect(duplicate.status()).toBe(409);
    await expect(page.locator('#form-problem').textContent()).resolves.toContain(
      `A user with email ${ANALYST.email} already exists`,
    );
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Someone else');
  });

  it('records the changes in the audit log, filtered by type', async () => {
    const rows = page.locator('table.data tbody tr');
    // Entries are written in batches (every second by default): the page is read again meanwhile.
    for (let tries = 0; tries < 20; tries++) {
      await page.goto(`${platform.url}/admin/audit?scope=create`);
      if ((await rows.filter({ hasText: ANALYST.name }).count()) > 0) break;
      await page.waitForTimeout(250);
    }
    await expect(rows.filter({ hasText: ANALYST.name }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: 'Green team' }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: 'login' }).count()).resolves.toBe(0);
    await keepScreenshot(page, 'admin-audit');
    // The password given in the form is not in the log.
    const audits = await gql<{
      audits: { edges: { node: { context_data: { input: string | null } } }[] };
    }>('{ audits(first: 100) { edges { node { context_data { input } } } } }');
    const inputs = audits.audits.edges.map((e) => e.node.context_data.input ?? '');
    expect(inputs.some((i) => i.includes(ANALYST.email))).toBe(true);
    expect(inputs.some((i) => i.includes(ANALYST.password))).toBe(false);
    expect(inputs.some((i) => i.includes('(secret)'))).toBe(true);
  });

  it('lists the connectors with their status and works', async () => {
    await page.goto(`${platform.url}/admin/connectors`);
    const row = page
      .locator('table.data')
      .first()
      .locator('tbody tr', { hasText: 'Feed importer' });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toContain('Active');
    await expect(page.locator('.works').textContent()).resolves.toContain('Nightly run');
  });

  describe('the new user, signed in in another browser context', () => {
    let context: BrowserContext;
    let analyst: Page;
    let analystProblems: string[];

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      analyst = await context.newPage();
      analystProblems = watchProblems(analyst);
      await signIn(analyst, platform.url, ANALYST.email, ANALYST.password);
    });

    afterAll(async () => {
      await context?.close();
    });

    it('sees the GREEN malware but not the AMBER one, in a list and in search', async () => {
      expect(new URL(analyst.url()).pathname).toBe('/dashboard');
      await analyst.goto(`${platform.url}/arsenal/malware`);
      const names = await analyst.locator('table.data tbody td a').allTextContents();
      expect(names).toContain('Greenleaf Loader');
      expect(names).not.toContain('Amberleaf Loader');
      await analyst.goto(`${platform.url}/search?q=Loader`);
      const found = await analyst.locator('main table tbody td a').allTextContents();
      expect(found).toContain('Greenleaf Loader');
      expect(found).not.toContain('Amberleaf Loader');
    });

    it('has no admin console entry, and /admin answers 403', async () => {
      await expect(analyst.locator('.sidebar a[href="/admin"]').count()).resolves.toBe(0);
      const answer = await analyst.goto(`${platform.url}/admin`);
      expect(answer?.status()).toBe(403);
      const users = await analyst.goto(`${platform.url}/admin/users`);
      expect(users?.status()).toBe(403);
      expect(analystProblems).toEqual([]);
    });
  });

  it('went through without a console error or a failed request', () => {
    expect(problems).toEqual([]);
  });
});
