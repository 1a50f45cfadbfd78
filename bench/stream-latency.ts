import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { startPlatform } from '@app/platform';
import { loadConfig } from '@lib/config';
import { IngestionService } from '@lib/ingestion';
import { systemContext } from '@lib/rbac';
import { readSse } from '@lib/streams';
import { loopbackServicesEnv, platformGraphql, runNamesEnv, dropRunData } from '@lib/testing';
import { generateCorpus } from './corpus/synthetic-corpus';
import { emit } from './bench-harness';

// npm run bench:stream -- --subscribers 10 --seconds 20 --rate 500: a steady import (synthetic
// objects committed in small batches) while SSE subscribers read the live stream; each delivered
// event's latency is its arrival time minus its commit time (the millisecond of its id). Half the
// subscribers read /stream (raw), half a stream collection filtered on a few types through the
// live-stream logic. Prints one JSON line per subscriber kind and one summary. Then the TAXII
// server: latency of pages of 1,000 objects of a collection, read with `next` to the end.

const TOKEN = 'e6f7a8b9-1234-4abc-9def-0123456789ab';

type Options = {
  subscribers: number;
  seconds: number;
  rate: number;
  batch: number;
  profile: 'embedded' | 'distributed';
};

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(latencies: number[]): Record<string, number> {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    events: sorted.length,
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    p99_ms: percentile(sorted, 99),
    max_ms: sorted.at(-1) ?? Number.NaN,
  };
}

/** Reads a collection of everything imported by pages of 1,000; one JSON line of latencies. */
async function taxiiPages(base: string, port: number, profile: string): Promise<void> {
  const { taxiiCollectionAdd } = await platformGraphql<{ taxiiCollectionAdd: { id: string } }>(
    port,
    TOKEN,
    `mutation { taxiiCollectionAdd(input: { name: "bench" }) { id } }`,
  );
  const url = `${base}/taxii2/root/collections/${taxiiCollectionAdd.id}/objects/?limit=1000`;
  const latencies: number[] = [];
  let objects = 0;
  let next: string | undefined;
  do {
    const started = performance.now();
    const response = await fetch(next ? `${url}&next=${encodeURIComponent(next)}` : url, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/taxii+json;version=2.1' },
    });
    const envelope = (await response.json()) as {
      more?: boolean;
      next?: string;
      objects?: unknown[];
    };
    latencies.push(Math.round(performance.now() - started));
    objects += envelope.objects?.length ?? 0;
    next = envelope.more ? envelope.next : undefined;
  } while (next);
  const sorted = [...latencies].sort((a, b) => a - b);
  emit({
    bench: 'taxii-page-latency',
    profile,
    page_size: 1000,
    pages: latencies.length,
    objects,
    p50_ms: percentile(sorted, 50),
    p95_ms: percentile(sorted, 95),
    max_ms: sorted.at(-1),
  });
}

async function main(): Promise<void> {
  const options = new Command('bench:stream')
    .option('--subscribers <n>', 'SSE subscribers', (v) => Number(v), 10)
    .option('--seconds <n>', 'import duration', (v) => Number(v), 20)
    .option('--rate <n>', 'objects per second imported', (v) => Number(v), 500)
    .option('--batch <n>', 'objects per commit', (v) => Number(v), 50)
    .option('--profile <p>', 'embedded or distributed', 'embedded')
    .parse()
    .opts<Options>();
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-stream-'));
  const run = `bs${Date.now().toString(36)}`;
  const env: Record<string, string> = {
    THREATLOOM_DATA_DIR: dir,
    THREATLOOM_PORT: '0',
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_ADMIN_TOKEN: TOKEN,
    THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
    THREATLOOM_LOG_LEVEL: 'error',
    THREATLOOM_INGESTION_BATCH_SIZE: String(options.batch),
    ...(options.profile === 'distributed'
      ? {
          THREATLOOM_PROFILE: 'distributed',
          ...loopbackServicesEnv(),
          ...runNamesEnv(run),
        }
      : {}),
  };
  const app = await startPlatform(loadConfig({ env, appFlag: 'core' }));
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const port = Number(new URL(base).port);
  const { streamCollectionAdd } = await platformGraphql<{ streamCollectionAdd: { id: string } }>(
    port,
    TOKEN,
    `mutation($input: StreamCollectionAddInput!) { streamCollectionAdd(input: $input) { id } }`,
    {
      input: {
        name: 'bench',
        stream_live: true,
        filters: JSON.stringify({
          mode: 'and',
          filters: [{ key: ['entity_type'], values: ['Malware', 'Indicator', 'Intrusion-Set'] }],
          filterGroups: [],
        }),
      },
    },
  );
  const abort = new AbortController();
  const latencies: Record<'raw' | 'live', number[]> = { raw: [], live: [] };
  const readers = Array.from({ length: options.subscribers }, (_, i) => {
    const kind = i % 2 === 0 ? 'raw' : 'live';
    const path = kind === 'raw' ? '/stream' : `/stream/${streamCollectionAdd.id}`;
    return (async () => {
      const messages = readSse(`${base}${path}`, {
        headers: { authorization: `Bearer ${TOKEN}`, 'no-dependencies': 'true' },
        signal: abort.signal,
      });
      for await (const message of messages) {
        if (message.event === 'connected' || message.event === 'heartbeat' || !message.id) {
          continue;
        }
        latencies[kind].push(Date.now() - Number(message.id.split('-')[0]));
      }
    })().catch((error: unknown) => {
      if (!abort.signal.aborted) throw error;
    });
  });
  await new Promise((r) => setTimeout(r, 500));

  const ingestion = app.get(IngestionService);
  const importRun = await ingestion.openRun({
    ctx: systemContext('bench'),
    connectorId: 'bench',
    workName: 'bench stream',
  });
  const total = options.rate * options.seconds;
  const corpus = generateCorpus({ objects: total, seed: 7, bundleSize: options.batch });
  const start = performance.now();
  let sent = 0;
  for (const bundle of corpus) {
    const due = start + (sent / options.rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await importRun.addObjects(bundle.objects);
    sent += bundle.objects.length;
  }
  await importRun.finish();
  const importSeconds = (performance.now() - start) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  abort.abort();
  await Promise.allSettled(readers);
  for (const kind of ['raw', 'live'] as const) {
    emit({ bench: 'stream-latency', profile: options.profile, kind, ...summary(latencies[kind]) });
  }
  emit({
    bench: 'stream-latency-summary',
    profile: options.profile,
    subscribers: options.subscribers,
    objects_imported: sent,
    import_objects_per_s: Math.round(sent / importSeconds),
    ...summary([...latencies.raw, ...latencies.live]),
    rss_mb: Math.round(process.memoryUsage.rss() / 1048576),
  });
  await taxiiPages(base, port, options.profile);
  await app.close();
  if (options.profile === 'distributed') await dropRunData(run);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
