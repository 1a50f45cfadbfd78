import { platformGraphql } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN_PASSWORD, useEmbeddedPlatform } from '../../support/embedded-platform.util';
import { keepScreenshot, launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
const AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

type GraphJson = {
  kind: string;
  nodes: { id: string; label: string; type: string }[];
  edges: { source: string; target: string; label: string }[];
};

// The Graph tab and the dashboard's charts in Chromium: an intrusion set with five neighbours
// (one of them TLP:RED), one neighbour with a neighbour of its own (for expand), a report.
describe('Graph view and dashboard charts (Chromium)', () => {
  const platform = useEmbeddedPlatform(TOKEN);
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const ids: Record<string, string> = {};

  const gql = <T>(query: string, variables: Record<string, unknown> = {}, token = TOKEN) =>
    platformGraphql<T>(platform.port, token, query, variables);
  const add = async (mutation: string, input: Record<string, unknown>): Promise<string> => {
    const type = `${mutation[0]?.toUpperCase()}${mutation.slice(1)}`;
    const data = await gql<Record<string, { id: string }>>(
      `mutation($input: ${type}AddInput!) { ${mutation}Add(input: $input) { id } }`,
      { input },
    );
    return (data[`${mutation}Add`] as { id: string }).id;
  };
  const relate = (fromId: string, toId: string, type = 'uses') =>
    add('stixCoreRelationship', { fromId, toId, relationship_type: type });
  const graphJson = async (id: string, token: string, query = ''): Promise<GraphJson> => {
    const res = await fetch(`${platform.url}/entity/${id}/graph.json${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as GraphJson;
  };

  beforeAll(async () => {
    const label = await add('label', { value: 'energy', color: '#d35400' });
    ids.root = await add('intrusionSet', {
      name: 'Lantern Typhoon',
      objectMarking: [AMBER],
      objectLabel: [label],
    });
    ids.wickfire = await add('malware', {
      name: 'Wickfire',
      is_family: true,
      objectLabel: [label],
    });
    ids.emberload = await add('malware', { name: 'Emberload', is_family: true });
    ids.tool = await add('tool', { name: 'Cinder' });
    ids.pattern = await add('attackPattern', { name: 'Spearphishing Link' });
    ids.secret = await add('malware', { name: 'Red Lotus', is_family: true, objectMarking: [RED] });
    ids.c2 = await add('infrastructure', { name: 'c2.lantern.example' });
    for (const other of ['wickfire', 'emberload', 'tool', 'pattern', 'secret']) {
      await relate(ids.root, ids[other] as string);
    }
    const link = await relate(ids.wickfire, ids.c2, 'communicates-with');
    ids.report = await add('report', {
      name: 'Lantern Typhoon targets the grid',
      published: '2026-01-01T00:00:00.000Z',
      objects: [ids.root, ids.wickfire, ids.c2, link],
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const graphReady = async (path: string) => {
    await page.goto(`${platform.url}${path}`);
    const graph = page.locator('[data-module="graph"]');
    await page.waitForSelector('[data-module="graph"][data-state="ready"]', { timeout: 30_000 });
    return graph;
  };

  it('draws the entity with its neighbours, one node per element, from the Graph tab', async () => {
    await page.goto(`${platform.url}/entity/${ids.root}`);
    await Promise.all([page.waitForURL('**/graph'), page.click('nav.tabs >> text=Graph')]);
    await page.waitForSelector('[data-module="graph"][data-state="ready"]', { timeout: 30_000 });
    const graph = page.locator('[data-module="graph"]');
    await expect(graph.getAttribute('data-node-count')).resolves.toBe('6');
    await expect(graph.getAttribute('data-edge-count')).resolves.toBe('5');
    await expect(page.locator('canvas').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.graph-status').textContent()).resolves.toContain('6 nodes');
    await keepScreenshot(page, 'graph');
  });

  it('hides the nodes of an unchecked type, and shows them again', async () => {
    const graph = await graphReady(`/entity/${ids.root}/graph`);
    await page.getByLabel('Malware', { exact: true }).uncheck();
    await expect(graph.getAttribute('data-visible-node-count')).resolves.toBe('3');
    await page.getByLabel('Malware', { exact: true }).check();
    await expect(graph.getAttribute('data-visible-node-count')).resolves.toBe('6');
  });

  it('expands a node chosen with the keyboard, then collapses it', async () => {
    const graph = await graphReady(`/entity/${ids.root}/graph`);
    await page.focus('.graph-canvas');
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('n');
      if ((await page.locator('.graph-selection a').textContent()) === 'Wickfire') break;
    }
    await expect(page.locator('.graph-selection a').textContent()).resolves.toBe('Wickfire');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-module="graph"][data-node-count="7"]');
    await expect(graph.getAttribute('data-edge-count')).resolves.toBe('6');
    await expect(page.locator('.graph-types').textContent()).resolves.toContain('Infrastructure');
    await page.click('button[data-action="collapse"]');
    await page.waitForSelector('[data-module="graph"][data-node-count="6"]');
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="fit"]');
  });

  it('draws a report as its objects and the relationships among them', async () => {
    const graph = await graphReady(`/entity/${ids.report}/graph`);
    await expect(graph.getAttribute('data-node-count')).resolves.toBe('3');
    await expect(graph.getAttribute('data-edge-count')).resolves.toBe('1');
  });

  it('leaves out of the graph JSON a neighbour whose marking the reader lacks', async () => {
    const admin = await graphJson(ids.root as string, TOKEN);
    expect(admin.nodes.map((n) => n.label)).toContain('Red Lotus');
    const analyst = await analystToken();
    const seen = await graphJson(ids.root as string, analyst);
    const names = seen.nodes.map((n) => n.label).sort();
    expect(names).toEqual([
      'Cinder',
      'Emberload',
      'Lantern Typhoon',
      'Spearphishing Link',
      'Wickfire',
    ]);
    expect(seen.edges.some((e) => e.target === ids.secret || e.source === ids.secret)).toBe(false);
    const malwareOnly = await graphJson(ids.root as string, analyst, '?types=Malware');
    expect(malwareOnly.nodes.map((n) => n.label).sort()).toEqual([
      'Emberload',
      'Lantern Typhoon',
      'Wickfire',
    ]);
    const bad = await fetch(`${platform.url}/entity/${ids.root}/graph.json?limit=0`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toEqual({ error: expect.stringContaining('limit') });
    for (const id of [ids.root, ids.report]) {
      const cursor = await fetch(`${platform.url}/entity/${id}/graph.json?after=not-a-cursor`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(cursor.status).toBe(400);
    }
    const missing = await fetch(`${platform.url}/entity/no-such-element/graph.json`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(missing.status).toBe(404);
  });

  it('renders the dashboard charts, and nothing failed on the way', async () => {
    // Tall enough for the four charts in the screenshots.
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.goto(`${platform.url}/dashboard`);
    await page.waitForSelector('[data-module="charts"][data-state="ready"]', { timeout: 30_000 });
    await expect(page.locator('.chart canvas').count()).resolves.toBe(4);
    await expect(page.locator('[data-summary="by-type"]').textContent()).resolves.toContain(
      'Malware: 3',
    );
    await expect(page.locator('[data-summary="by-label"]').textContent()).resolves.toContain(
      'energy: 2',
    );
    await keepScreenshot(page, 'dashboard');
    await page.click('[data-theme-toggle]');
    await page.click('[data-theme-toggle]');
    await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await keepScreenshot(page, 'dashboard-dark');
    await page.click('[data-theme-toggle]');
    expect(problems).toEqual([]);
  });

  /** A user whose one group reads knowledge up to TLP:AMBER (no TLP:RED). */
  async function analystToken(): Promise<string> {
    const role = await gql<{ roleAdd: { id: string } }>(
      'mutation { roleAdd(input: { name: "reader", capabilities: ["KNOWLEDGE"] }) { id } }',
    );
    const group = await gql<{ groupAdd: { id: string } }>(
      'mutation { groupAdd(input: { name: "amber readers" }) { id } }',
    );
    await gql(
      `mutation ($g: ID!, $r: ID!, $m: ID!) {
        a: groupEdit(id: $g) { relationAdd(input: { toId: $r, relationship_type: "has-role" }) { id } }
        b: groupEdit(id: $g) { relationAdd(input: { toId: $m, relationship_type: "accesses-to" }) { id } }
      }`,
      { g: group.groupAdd.id, r: role.roleAdd.id, m: AMBER },
    );
    const user = await gql<{ userAdd: { id: string } }>(
      'mutation($g: [String!]) { userAdd(input: { name: "analyst", user_email: "analyst@graph.example", groups: $g }) { id } }',
      { g: [group.groupAdd.id] },
    );
    const token = await gql<{ userAdminTokenAdd: { plaintext_token: string } }>(
      'mutation($u: ID!) { userAdminTokenAdd(userId: $u, input: { name: "graph" }) { plaintext_token } }',
      { u: user.userAdd.id },
    );
    return token.userAdminTokenAdd.plaintext_token;
  }
});
