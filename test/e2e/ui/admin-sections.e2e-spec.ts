import { rmSync } from 'node:fs';
import { ConnectorBus } from '@lib/connector-bus';
import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { assertBuilt } from '../../support/cli.util';
import {
  TEST_ADMIN_PASSWORD,
  embeddedTestEnv,
  startEmbedded,
} from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f';

// A browser and a platform share two cores with other work: steps get room to breathe.
jest.setTimeout(30_000);

// The other sections of the admin console: organizations, markings, settings messages, live
// streams, TAXII collections and feeds, each created (and a stream edited and deleted) in forms;
// a connector's dead letter replayed.
describe('Admin console sections (Chromium)', () => {
  let platform: EmbeddedPlatform;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  const gql = <T>(query: string, variables: Record<string, unknown> = {}) =>
    platformGraphql<T>(platform.port, TOKEN, query, variables);

  const post = async (button: string) => {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.click(button),
    ]);
    await page.waitForLoadState();
    return answer;
  };

  beforeAll(async () => {
    assertBuilt();
    const env = embeddedTestEnv(TOKEN);
    dataDir = env.THREATLOOM_DATA_DIR ?? '';
    // Started here rather than by useEmbeddedPlatform: the dead-letter test reaches its bus, and
    // a worker (which consumes connector push queues) runs beside the core.
    platform = await startEmbedded(env, 'all');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates an organization, which the user form then offers', async () => {
    await page.goto(`${platform.url}/admin/organizations`);
    await page.fill('#field-name', 'Northwind CERT');
    const answer = await post('text=Create organization');
    expect(answer.status()).toBe(303);
    await expect(
      page.locator('table.data tbody tr', { hasText: 'Northwind CERT' }).count(),
    ).resolves.toBe(1);
    await page.goto(`${platform.url}/admin/users/new`);
    await expect(
      page.locator('fieldset', { hasText: 'Organizations' }).getByLabel('Northwind CERT').count(),
    ).resolves.toBe(1);
  });

  it('lists the TLP markings with their colours and creates a statement marking', async () => {
    await page.goto(`${platform.url}/admin/markings`);
    const green = page.locator('table.data tbody tr', { hasText: 'TLP:GREEN' });
    await expect(green.locator('svg rect').getAttribute('fill')).resolves.toMatch(
      /^#[0-9a-f]{6}$/i,
    );
    await page.fill('#field-definition', 'Copyright 2026 Northwind');
    await page.fill('#field-x_opencti_order', '3');
    expect((await post('text=Create marking')).status()).toBe(303);
    const row = page.locator('table.data tbody tr', { hasText: 'Copyright 2026 Northwind' });
    await expect(row.locator('td').first().textContent()).resolves.toBe('statement');
    const markings = await gql<{
      markingDefinitions: { edges: { node: { definition: string } }[] };
    }>('{ markingDefinitions(first: 100) { edges { node { definition } } } }');
    expect(markings.markingDefinitions.edges.map((e) => e.node.definition)).toContain(
      'Copyright 2026 Northwind',
    );
  });

  it('refuses a marking with a bad order, keeping the input', async () => {
    await page.fill('#field-definition', 'PAP:WEIRD');
    await page.fill('#field-definition_type', 'PAP');
    await page.fill('#field-x_opencti_order', '900');
    expect((await post('text=Create marking')).status()).toBe(400);
    await expect(page.locator('#form-problem').textContent()).resolves.toContain(
      'Order must be a whole number from 0 to 100',
    );
    await expect(page.locator('#field-definition').inputValue()).resolves.toBe('PAP:WEIRD');
  });

  it('edits the marking it created, deletes it, and keeps the TLP ones as they are', async () => {
    await page.goto(`${platform.url}/admin/markings`);
    await Promise.all([
      page.waitForURL(/\/admin\/markings\/[0-9a-f-]+$/),
      page.click('text=Copyright 2026 Northwind'),
    ]);
    await page.fill('#field-definition', 'Copyright 2026 Northwind Ltd');
    await page.fill('#field-x_opencti_color', '#aa3300');
    expect((await post('text=Save')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Saved.');
    const read = await gql<{
      markingDefinitions: { edges: { node: { definition: string; x_opencti_color: string } }[] };
    }>('{ markingDefinitions(first: 100) { edges { node { definition x_opencti_color } } } }');
    expect(read.markingDefinitions.edges.map((e) => e.node)).toContainEqual({
      definition: 'Copyright 2026 Northwind Ltd',
      x_opencti_color: '#aa3300',
    });
    await page.click('text=Delete…');
    expect((await post('form.confirm button.danger')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Deleted.');
    await expect(page.getByText('Copyright 2026 Northwind Ltd').count()).resolves.toBe(0);

    await Promise.all([
      page.waitForURL(/\/admin\/markings\/[0-9a-f-]+$/),
      page.click('text=TLP:GREEN'),
    ]);
    await expect(page.locator('#field-definition').count()).resolves.toBe(0);
    await expect(page.getByText('Delete…').count()).resolves.toBe(0);
    const refused = await page.goto(`${page.url()}/delete`);
    expect(refused?.status()).toBe(403);
  });

  it('adds and deletes a platform message', async () => {
    await page.goto(`${platform.url}/admin/settings`);
    await page.fill('#field-message', 'Maintenance on Sunday');
    expect((await post('text=Add message')).status()).toBe(303);
    const row = page.locator('section', { hasText: 'Platform messages' }).locator('tbody tr');
    await expect(row.textContent()).resolves.toContain('Maintenance on Sunday');
    const settings = await gql<{ settings: { platform_messages: { message: string }[] } }>(
      '{ settings { platform_messages { message } } }',
    );
    expect(settings.settings.platform_messages.map((m) => m.message)).toEqual([
      'Maintenance on Sunday',
    ]);
    expect((await post('section >> button.danger')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Message deleted.');
  });

  it('creates, edits and deletes a live stream', async () => {
    await page.goto(`${platform.url}/admin/streams/new`);
    await page.fill('#field-name', 'SOC feed');
    await page.fill(
      '#field-filters',
      '{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"]}],"filterGroups":[]}',
    );
    expect((await post('form.admin-form button.primary')).status()).toBe(303);
    const id = new URL(page.url()).pathname.split('/')[3] ?? '';
    await page.fill('#field-description', 'Indicators for the SOC');
    await page.uncheck('#field-stream_live');
    expect((await post('form.admin-form button.primary')).status()).toBe(303);
    const stream = await gql<{ streamCollection: { description: string; stream_live: boolean } }>(
      'query($id: String!) { streamCollection(id: $id) { description stream_live } }',
      { id },
    );
    expect(stream.streamCollection).toEqual({
      description: 'Indicators for the SOC',
      stream_live: false,
    });
    await page.click('text=Delete…');
    expect((await post('button.danger')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Deleted.');
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(0);
  });

  it('refuses a stream with broken filters, keeping them', async () => {
    await page.goto(`${platform.url}/admin/streams/new`);
    await page.fill('#field-name', 'Broken');
    await page.fill('#field-filters', '{"mode":');
    expect((await post('form.admin-form button.primary')).status()).toBe(400);
    await expect(page.locator('#form-problem').isVisible()).resolves.toBe(true);
    await expect(page.locator('#field-filters').inputValue()).resolves.toBe('{"mode":');
  });

  it('creates a TAXII collection and a CSV feed', async () => {
    await page.goto(`${platform.url}/admin/taxii/new`);
    await page.fill('#field-name', 'Partners');
    await page.check('#field-taxii_public');
    expect((await post('form.admin-form button.primary')).status()).toBe(303);
    await page.goto(`${platform.url}/admin/feeds/new`);
    await page.fill('#field-name', 'Blocklist');
    await page.fill('#field-feed_types', 'IPv4-Addr, Domain-Name');
    await page.fill('#field-feed_attributes', 'value');
    expect((await post('form.admin-form button.primary')).status()).toBe(303);
    const feeds = await gql<{
      feeds: { edges: { node: { name: string; feed_types: string[] } }[] };
    }>('{ feeds { edges { node { name feed_types } } } }');
    expect(feeds.feeds.edges.map((e) => e.node)).toEqual([
      { name: 'Blocklist', feed_types: ['IPv4-Addr', 'Domain-Name'] },
    ]);
    await page.goto(`${platform.url}/admin/feeds`);
    await expect(page.locator('table.data tbody tr').textContent()).resolves.toContain('/feeds/');
  });

  it('deletes a role after a confirmation page; the audit log finds it by event, user and day', async () => {
    await page.goto(`${platform.url}/admin/roles/new`);
    await page.fill('#field-name', 'administrator');
    await page.check('#cap-EXPLORE');
    expect((await post('form.admin-form button.primary')).status()).toBe(409);
    await expect(page.locator('#form-problem').textContent()).resolves.toContain(
      'A role named administrator already exists',
    );
    await expect(page.locator('#cap-EXPLORE').isChecked()).resolves.toBe(true);
    await page.fill('#field-name', 'Short-lived');
    expect((await post('form.admin-form button.primary')).status()).toBe(303);
    await page.click('text=Delete…');
    await expect(page.locator('form.confirm').textContent()).resolves.toContain(
      'Delete the role Short-lived?',
    );
    expect((await post('form.confirm button.danger')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toBe('Deleted.');
    await expect(
      page.locator('table.data tbody tr', { hasText: 'Short-lived' }).count(),
    ).resolves.toBe(0);
    const rows = page.locator('table.data tbody tr', { hasText: 'Role Short-lived' });
    for (let tries = 0; tries < 20; tries++) {
      await page.goto(`${platform.url}/admin/audit?scope=delete`);
      if ((await rows.count()) > 0) break;
      await page.waitForTimeout(250);
    }
    await expect(rows.count()).resolves.toBe(1);
    await page.selectOption('#audit-user', { label: 'admin (admin@threatloom.local)' });
    await page.fill('#audit-from', new Date().toISOString().slice(0, 10));
    await Promise.all([page.waitForURL(/user=/), page.click('form.filters button')]);
    await expect(rows.count()).resolves.toBe(1);
    await page.goto(`${platform.url}/admin/audit?scope=delete&to=2001-01-01`);
    await expect(page.locator('table.data tbody tr').count()).resolves.toBe(0);
    await expect(page.getByText('No entry matches.').count()).resolves.toBe(1);
  }, 20_000);

  it("shows a connector's dead letter with its reason, and replays it", async () => {
    const registered = await gql<{ registerConnector: { config: { push: string } } }>(
      `mutation($input: RegisterConnectorInput) { registerConnector(input: $input) { config { push } } }`,
      {
        input: {
          id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
          name: 'Sloppy importer',
          type: 'EXTERNAL_IMPORT',
          scope: [],
        },
      },
    );
    await gql(
      `mutation { workAdd(connectorId: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e", friendlyName: "Hourly pull") { id } }`,
    );
    // What the push consumer cannot read goes to dead letter at once, with the reason.
    const bus = platform.app.get(ConnectorBus);
    const queue = registered.registerConnector.config.push;
    await bus.publish(queue, [{ body: 'this is not a push message' }]);
    const rows = page.locator('.dead-letters tbody tr');
    for (let tries = 0; tries < 40 && (await rows.count()) === 0; tries++) {
      await page.waitForTimeout(250);
      await page.goto(`${platform.url}/admin/connectors`);
    }
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.textContent()).resolves.toContain('Sloppy importer');
    await expect(rows.textContent()).resolves.toContain('not JSON');
    await keepScreenshot(page, 'admin-connectors');
    const [before] = await bus.listDeadLetters(queue);
    expect((await post('.dead-letters button[type=submit]')).status()).toBe(303);
    await expect(page.locator('.notice.ok').textContent()).resolves.toContain('Replayed');
    // Replayed, read again, refused again: back in dead letter, delivered once more.
    const redelivered = async () => {
      const [after] = await bus.listDeadLetters(queue);
      return after && after.failedAt !== before?.failedAt ? after : undefined;
    };
    for (let tries = 0; tries < 40 && !(await redelivered()); tries++) {
      await page.waitForTimeout(250);
    }
    expect(await redelivered()).toBeDefined();
    expect(problems).toEqual([]);
  }, 30_000);
});
