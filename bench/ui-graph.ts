import { Command } from 'commander';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { EntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { graphReportBundle } from '@lib/testing';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import { emit, freshPlatform, openRun } from './bench-harness';

// npm run bench:ui-graph -- --nodes 5000: a report whose graph holds that many entities (and the
// relationships among them, a random tree plus 20% more edges) imported through the normal
// ingestion, then the Graph tab in Chromium: time from navigation to "graph interactive", and frame
// times while zooming. Interactive: the graph's data is in, every node is drawn (a large graph
// first at start positions while the worker lays it out; its edges come with the layout), and a
// wheel zoom was answered, so the user can pan, zoom and click nodes. When the worker's layout
// landed (the nodes moved to it, the edges drawn) is reported too
// (layout_done_since_navigation_start_ms).

const TOKEN = 'f6a7b8c9-3456-4cde-9f01-23456789abcd';
const PASSWORD = 'bench password';
const TYPES = ['malware', 'tool', 'attack-pattern', 'infrastructure', 'vulnerability', 'campaign'];
const BATCH = 5000;

/** Entities, relationships among them (a random tree plus 20% more edges), and their report. */
function graphBundle(nodes: number): ReturnType<typeof graphReportBundle> {
  return graphReportBundle({
    nodes,
    types: TYPES,
    parentOf: (i) => Math.floor(Math.random() * i),
    extraEdges: nodes / 5,
    name: `A graph of ${nodes} entities`,
  });
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number): number => Number(n.toFixed(1));

async function main(): Promise<void> {
  const options = new Command('bench:ui-graph')
    .option('--nodes <n>', 'entities in the graph', (v) => Number(v), 5000)
    .option('--runs <n>', 'page loads measured', (v) => Number(v), 3)
    .option('--screenshot <file>', 'PNGs of the graph: first drawn (<file>-first.png), laid out')
    .option('--profile', 'print the main thread functions that took longest in one more load')
    .parse(process.argv)
    .opts<{ nodes: number; runs: number; profile?: boolean; screenshot?: string }>();
  const platform = await freshPlatform({ THREATLOOM_ADMIN_TOKEN: TOKEN });
  const { objects, reportId } = graphBundle(options.nodes);
  const started = performance.now();
  const run = await openRun(platform.app, 'bench ui graph');
  for (let i = 0; i < objects.length; i += BATCH) await run.addObjects(objects.slice(i, i + BATCH));
  await run.finish();
  const report = (
    await platform.app.get(EntityStore).resolve(systemContext('bench'), [reportId])
  ).get(reportId)?.[0];
  if (!report) throw new Error('the report was not imported');
  emit({
    bench: 'ui-graph-import',
    objects: objects.length,
    report_refs: report.refs.object?.length ?? 0,
    import_s: round((performance.now() - started) / 1000),
  });
  await platform.app.close();
  const app: NestExpressApplication = await startPlatform(
    loadConfig({
      env: {
        THREATLOOM_DATA_DIR: platform.dir,
        THREATLOOM_PORT: '0',
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: PASSWORD,
        THREATLOOM_LOG_LEVEL: 'error',
      },
      appFlag: 'core',
    }),
  );
  // Debian's Chromium, as the browser tests drive it (software rendering, no GPU).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${base}/login`);
    await page.fill('#email', 'admin@threatloom.local');
    await page.fill('#password', PASSWORD);
    await Promise.all([
      page.waitForURL((u) => u.pathname !== '/login'),
      page.click('button[type=submit]'),
    ]);
    const samples: Record<string, number>[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      samples.push(await measureLoad(page, `${base}/entity/${report.internalId}/graph`));
    }
    const keys = Object.keys(samples[0] ?? {});
    const medians = Object.fromEntries(
      keys.map((k) => [k, round(median(samples.map((s) => s[k] ?? 0)))]),
    );
    emit({ bench: 'ui-graph-interactive', nodes: options.nodes, runs: options.runs, ...medians });
    if (options.screenshot) {
      await page.goto(`${base}/entity/${report.internalId}/graph`);
      await page.waitForSelector('[data-module="graph"][data-state="ready"]');
      await page.screenshot({ path: options.screenshot.replace(/(\.png)?$/, '-first.png') });
      await page.waitForSelector('[data-module="graph"][data-layout="done"]');
      await page.screenshot({ path: options.screenshot });
    }
    emit({ bench: 'ui-graph-zoom-frames', nodes: options.nodes, ...(await zoomFrames(page)) });
    if (options.profile) await profileLoad(page, `${base}/entity/${report.internalId}/graph`);
  } finally {
    await browser.close();
    await app.close();
    await platform.close();
  }
}

/** Navigation → ready (all drawn) → a wheel zoom answered; then when the layout landed. */
async function measureLoad(page: Page, url: string): Promise<Record<string, number>> {
  const start = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-module="graph"][data-state="ready"]', { timeout: 120_000 });
  const ready = Date.now() - start;
  const graph = page.locator('[data-module="graph"]');
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box) throw new Error('no graph canvas');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  // The module counts the user's pans and zooms (not its own fit when the layout lands).
  await page.waitForSelector('[data-module="graph"][data-user-viewports]', { timeout: 60_000 });
  const interactive = Date.now() - start;
  // The worker's layout lands after that (the graph moves to it): when, for the record.
  await page.waitForSelector('[data-module="graph"][data-layout="done"]', { timeout: 120_000 });
  const attr = async (name: string) => Number(await graph.getAttribute(name));
  return {
    navigation_to_ready_ms: ready,
    navigation_to_interactive_ms: interactive,
    data_ms: await attr('data-fetch-ms'),
    module_mounted_since_navigation_start_ms: await attr('data-mounted-ms'),
    cytoscape_init_ms: await attr('data-cytoscape-ms'),
    ready_since_navigation_start_ms: await attr('data-ready-ms'),
    first_zoom_since_navigation_start_ms: await attr('data-viewport-ms'),
    layout_worker_ms: await attr('data-layout-ms'),
    layout_done_since_navigation_start_ms: await attr('data-layout-done-ms'),
    positions_ms: await attr('data-positions-ms'),
    node_count: await attr('data-node-count'),
    edge_count: await attr('data-edge-count'),
  };
}

/** Frame times (requestAnimationFrame deltas) while the wheel zooms in and out for ~2 s. */
async function zoomFrames(page: Page): Promise<Record<string, number>> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      frames: number[];
      recording: boolean;
      requestAnimationFrame(callback: (now: number) => void): number;
    };
    scope.frames = [];
    scope.recording = true;
    let last = performance.now();
    const loop = (now: number): void => {
      scope.frames.push(now - last);
      last = now;
      if (scope.recording) scope.requestAnimationFrame(loop);
    };
    scope.requestAnimationFrame(loop);
  });
  for (let i = 0; i < 40; i += 1) {
    await page.mouse.wheel(0, i < 20 ? -120 : 120);
    await page.waitForTimeout(50);
  }
  const frames = await page.evaluate(() => {
    const scope = globalThis as unknown as { frames: number[]; recording: boolean };
    scope.recording = false;
    return scope.frames.slice(1);
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const total = frames.reduce((s, f) => s + f, 0);
  return {
    frames: frames.length,
    frame_p50_ms: round(percentile(sorted, 50)),
    frame_p95_ms: round(percentile(sorted, 95)),
    frame_max_ms: round(sorted[sorted.length - 1] ?? 0),
    fps: round((frames.length / total) * 1000),
  };
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};

/**
 * One more load under the CPU profiler: the 15 functions with most self time, and the 15 with
 * most total time (their callees included; the page's own code and cytoscape's).
 */
async function profileLoad(page: Page, url: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.waitForSelector('[data-module="graph"][data-state="ready"]', { timeout: 120_000 });
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number): string => {
    const frame = byNode.get(id)?.callFrame;
    return frame
      ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`
      : '?';
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + ms);
    const stack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byNode.get(at)?.callFrame.url) stack.add(keyOf(at));
    }
    for (const key of stack) total.set(key, (total.get(key) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [fn, ms] of top(self)) emit({ bench: 'ui-graph-profile', fn, self_ms: round(ms) });
  for (const [fn, ms] of top(total)) emit({ bench: 'ui-graph-profile', fn, total_ms: round(ms) });
}

void main();
