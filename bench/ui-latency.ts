import { existsSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { Command } from 'commander';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { generateCorpus } from './corpus/synthetic-corpus';
import { emit, freshPlatform, openRun } from './bench-harness';
import { analystToken } from './bench-users';

// npm run bench:ui -- --objects 100000: the synthetic corpus of bench:api (same --data-dir
// format), then the server-rendered UI over HTTP: time to first byte and to the whole page of a
// list page (the default list, and the list searched), p50/p95, for the admin and for an analyst
// whose group reads up to TLP:AMBER. Requests carry a bearer token (the UI takes one for
// scripted use): the same access context a session cookie gives.

const TOKEN = 'e5f6a7b8-2345-4bcd-8ef0-123456789abc';
const CORPUS_MARK = 'bench-corpus-objects';
const WARMUP = 5;

type Timing = { ttfb: number; total: number; status: number; bytes: number };

function get(url: string, token: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      const ttfb = performance.now() - start;
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () =>
        resolve({ ttfb, total: performance.now() - start, status: res.statusCode ?? 0, bytes }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number): number => Number(n.toFixed(2));

async function measure(urls: () => string, token: string, runs: number) {
  const ttfb: number[] = [];
  const total: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + WARMUP; i += 1) {
    const t = await get(urls(), token);
    if (t.status !== 200) throw new Error(`the list page answered ${t.status}`);
    if (i < WARMUP) continue;
    ttfb.push(t.ttfb);
    total.push(t.total);
    bytes = t.bytes;
  }
  ttfb.sort((a, b) => a - b);
  total.sort((a, b) => a - b);
  return {
    ttfb_p50_ms: round(percentile(ttfb, 50)),
    ttfb_p95_ms: round(percentile(ttfb, 95)),
    total_p50_ms: round(percentile(total, 50)),
    total_p95_ms: round(percentile(total, 95)),
    page_bytes: bytes,
  };
}

async function main(): Promise<void> {
  const options = new Command('bench:ui')
    .option('--objects <n>', 'objects in the store', (v) => Number(v), 100_000)
    .option('--runs <n>', 'measured requests per page and reader', (v) => Number(v), 100)
    .option('--data-dir <dir>', 'keep the corpus there and reuse it when already built')
    .parse(process.argv)
    .opts<{ objects: number; runs: number; dataDir?: string }>();
  const built = options.dataDir && existsSync(join(options.dataDir, CORPUS_MARK));
  const platform = await freshPlatform({ THREATLOOM_ADMIN_TOKEN: TOKEN }, options.dataDir);
  if (!built) {
    const started = performance.now();
    const run = await openRun(platform.app, 'bench ui corpus');
    for (const bundle of generateCorpus({ objects: options.objects, seed: 42, bundleSize: 5000 })) {
      await run.addObjects(bundle.objects);
    }
    await run.finish();
    if (options.dataDir) writeFileSync(join(options.dataDir, CORPUS_MARK), String(options.objects));
    emit({
      bench: 'ui-corpus',
      objects: options.objects,
      load_s: round((performance.now() - started) / 1000),
    });
  }
  await platform.app.close();
  const config = loadConfig({
    env: {
      THREATLOOM_DATA_DIR: platform.dir,
      THREATLOOM_PORT: '0',
      THREATLOOM_HOST: '127.0.0.1',
      THREATLOOM_ADMIN_TOKEN: TOKEN,
      THREATLOOM_ADMIN_PASSWORD: 'bench password',
      THREATLOOM_LOG_LEVEL: 'error',
    },
    appFlag: 'core',
  });
  const app: NestExpressApplication = await startPlatform(config);
  try {
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const readers = [
      { reader: 'admin', token: TOKEN },
      { reader: 'analyst', token: await analystToken(`${base}/graphql`, TOKEN) },
    ];
    const words = ['shadow', 'fancy', 'loader', 'storm', 'bear'];
    for (const { reader, token } of readers) {
      const run = { objects: options.objects, runs: options.runs, reader };
      const list = await measure(() => `${base}/arsenal/malware`, token, options.runs);
      emit({ bench: 'ui-list-page', page: '/arsenal/malware', ...run, ...list });
      let w = 0;
      const searched = await measure(
        () => `${base}/observations/indicators?search=${words[w++ % words.length]}`,
        token,
        options.runs,
      );
      emit({
        bench: 'ui-list-page',
        page: '/observations/indicators?search=…',
        ...run,
        ...searched,
      });
    }
  } finally {
    await app.close();
    await platform.close();
  }
}

void main();
