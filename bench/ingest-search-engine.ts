import { MemoryCache } from '@lib/cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { OpenSearchEntityStore } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import { IngestionService } from '@lib/ingestion';
import { SearchEngine, deleteIndices } from '@lib/opensearch';
import type { SearchEngineKind } from '@lib/opensearch';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase } from '@lib/sqlite';
import { WorkService } from '@lib/works';
import { generateCorpus } from './corpus/synthetic-corpus';
import { RssSampler, emit } from './bench-harness';

// node dist/bench/ingest-search-engine.js --engine opensearch --objects 20000: the synthetic corpus
// through the ingestion pipeline into the Elasticsearch/OpenSearch entity store (fresh indices
// under a unique prefix, deleted at the end; events in a temporary embedded stream). Until the
// distributed profile boots, this stands in for `bench:ingest -- --profile distributed`.

type Options = {
  engine: SearchEngineKind;
  url: string;
  objects: number;
  bundleSize: number;
  batchSize: number;
  seed: number;
};

async function main(): Promise<void> {
  const options = new Command('bench:ingest-search-engine')
    .option('--engine <kind>', 'opensearch or elasticsearch', 'opensearch')
    .option('--url <url>', 'node URL', 'http://127.0.0.1:9200')
    .option('--objects <n>', 'objects to ingest', (v) => Number(v), 20_000)
    .option('--bundle-size <n>', 'objects per bundle', (v) => Number(v), 5000)
    .option('--batch-size <n>', 'objects per commit', (v) => Number(v), 2000)
    .option('--seed <n>', 'corpus seed', (v) => Number(v), 42)
    .parse(process.argv)
    .opts<Options>();
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-es-'));
  const database = new SqliteDatabase({ path: join(dir, 'events.db') });
  const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000_000 });
  const engine = await SearchEngine.connect({ engine: options.engine, nodes: [options.url] });
  const prefix = `tl-bench-${Date.now()}`;
  try {
    const store = await OpenSearchEntityStore.open({
      engine,
      events,
      prefix,
      locks: new MemoryCache({ maxEntries: 1000 }),
    });
    const service = new IngestionService(store, new WorkService(store), {
      batchSize: options.batchSize,
      missingRefRetries: 3,
      relationDedupDays: 30,
      leaseSeconds: 1800,
      concurrency: 1,
    });
    const sampler = new RssSampler();
    const run = await service.openRun({
      ctx: systemContext('bench'),
      connectorId: 'bench',
      workName: 'bench search engine',
    });
    const start = performance.now();
    let generationMs = 0;
    let done = 0;
    const corpus = generateCorpus({
      objects: options.objects,
      seed: options.seed,
      bundleSize: options.bundleSize,
    });
    for (;;) {
      const t0 = performance.now();
      const next = corpus.next();
      generationMs += performance.now() - t0;
      if (next.done) {
        break;
      }
      await run.addObjects(next.value.objects);
      done += next.value.objects.length;
    }
    const report = await run.finish();
    const ingestSeconds = (performance.now() - start - generationMs) / 1000;
    emit({
      bench: 'ingest-search-engine',
      engine: options.engine,
      objects: done,
      batch_size: options.batchSize,
      objects_per_s: Math.round(done / ingestSeconds),
      ingest_s: Number(ingestSeconds.toFixed(2)),
      peak_rss_mb: sampler.stop(),
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected,
    });
  } finally {
    await deleteIndices(engine, prefix);
    await engine.close();
    events.onModuleDestroy();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
