import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestionService } from '@lib/ingestion';
import { systemContext } from '@lib/rbac';
import { graphReportBundle } from '@lib/testing';
import type { Browser, Page } from 'playwright-core';
import { assertBuilt } from '../../support/cli.util';
import {
  TEST_ADMIN_PASSWORD,
  embeddedTestEnv,
  startEmbedded,
} from '../../support/embedded-platform.util';
import type { EmbeddedPlatform } from '../../support/embedded-platform.util';
import { launchBrowser, signIn, watchProblems } from '../../support/browser.util';

const TOKEN = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const NODES = 1500;
const TYPES = ['malware', 'tool', 'attack-pattern', 'infrastructure'];

// Run in the page before its scripts: the graph's data-state and data-layout as they change, in
// order, with the node and edge counts drawn then (the test's process has no DOM types: plain text).
const RECORD_GRAPH_EVENTS = `
  window.graphEvents = [];
  new MutationObserver((records) => {
    for (const record of records) {
      const name = record.attributeName;
      const el = record.target;
      if (!el.matches('[data-module="graph"]')) continue;
      if (name !== 'data-state' && name !== 'data-layout') continue;
      window.graphEvents.push(
        name + '=' + el.getAttribute(name) + ' nodes=' + el.getAttribute('data-node-count') +
          ' edges=' + el.getAttribute('data-edge-count'),
      );
    }
  }).observe(document, { attributes: true, subtree: true });
`;

/** A report of NODES entities, each related to an earlier one (a tree), through the ingestion. */
async function importReport(platform: EmbeddedPlatform): Promise<string> {
  const { objects, reportId } = graphReportBundle({
    nodes: NODES,
    types: TYPES,
    parentOf: (i) => Math.floor((i - 1) / 3),
    name: 'A large graph',
  });
  const run = await platform.app
    .get(IngestionService)
    .openRun({ ctx: systemContext('test'), connectorId: 'test', workName: 'large graph' });
  await run.addObjects(objects);
  await run.finish();
  return reportId;
}

// A report of 1,500 entities in Chromium: large enough that the graph is drawn at once at start
// positions while the worker lays it out, and labels only the nodes in view once zoomed in.
describe('A large graph (Chromium)', () => {
  let platform: EmbeddedPlatform;
  let dataDir: string;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let reportId: string;

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tl-graph-'));
    platform = await startEmbedded(embeddedTestEnv(TOKEN, {}, dataDir), 'core');
    reportId = await importReport(platform);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    problems = watchProblems(page);
    // The graph's data attributes as they change, in order (the module sets them as it goes).
    await page.addInitScript({ content: RECORD_GRAPH_EVENTS });
    await signIn(page, platform.url, 'admin@threatloom.local', TEST_ADMIN_PASSWORD);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.app.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('draws every node before the layout lands, then lays them out and adds the edges', async () => {
    await page.goto(`${platform.url}/entity/${reportId}/graph`);
    await page.waitForSelector('[data-module="graph"][data-layout="done"]', { timeout: 60_000 });
    const events = await page.evaluate(
      () => (globalThis as unknown as { graphEvents: string[] }).graphEvents,
    );
    expect(events).toEqual([
      `data-state=ready nodes=${NODES} edges=0`,
      `data-layout=done nodes=${NODES} edges=${NODES - 1}`,
    ]);
    const graph = page.locator('[data-module="graph"]');
    await expect(graph.getAttribute('data-edge-count')).resolves.toBe(String(NODES - 1));
    await expect(page.locator('.graph-status').textContent()).resolves.toBe(
      `${NODES.toLocaleString('en')} nodes and ${(NODES - 1).toLocaleString('en')} edges.`,
    );
    // The layout refits the view it found untouched (no pan or zoom by the user yet).
    await expect(graph.getAttribute('data-user-viewports')).resolves.toBeNull();
  });

  it('labels no node in the whole view, and the nodes in view once zoomed in', async () => {
    const graph = page.locator('[data-module="graph"]');
    await expect(graph.getAttribute('data-labelled-count')).resolves.toBeNull();
    await page.focus('.graph-canvas');
    for (let i = 0; i < 7; i += 1) await page.keyboard.press('+');
    await page.waitForSelector('[data-module="graph"][data-labelled-count]');
    const labelled = Number(await graph.getAttribute('data-labelled-count'));
    expect(labelled).toBeGreaterThan(0);
    expect(labelled).toBeLessThan(NODES);
    await expect(graph.getAttribute('data-user-viewports')).resolves.toBe('7');
  });

  it('lets go of the graph when hx-boost swaps the page for another', async () => {
    const old = await page.$('[data-module="graph"]');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.endsWith('/graph')),
      page.click('nav.tabs >> text=Overview'),
    ]);
    await page.waitForFunction((el) => !el?.isConnected, old);
    await expect(old?.getAttribute('data-state')).resolves.toBe('detached');
    expect(problems).toEqual([]);
  });
});
