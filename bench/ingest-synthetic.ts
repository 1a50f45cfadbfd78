import { Command } from 'commander';
import { generateCorpus } from './corpus/synthetic-corpus';
import { CpuMeter, RssSampler, emit, freshPlatform, openRun } from './bench-harness';
import { runDistributed } from './ingest-distributed';

// npm run bench:ingest -- --objects 1000000: a synthetic corpus streamed bundle by bundle into a
// fresh embedded store as one work; a JSON line every --every objects, then the totals. Time spent
// generating the corpus is measured apart and excluded from the ingestion rate.
// --profile distributed: the same corpus first embedded (this line), then through a core and
// --workers worker processes on the distributed profile (services from scripts/services).

type Options = {
  objects: number;
  bundleSize: number;
  seed: number;
  every: number;
  profile: 'embedded' | 'distributed';
  workers: number;
};

async function main(): Promise<void> {
  const options = new Command('bench:ingest')
    .option('--objects <n>', 'objects to ingest', (v) => Number(v), 100_000)
    .option('--bundle-size <n>', 'objects per bundle', (v) => Number(v), 5000)
    .option('--seed <n>', 'corpus seed', (v) => Number(v), 42)
    .option('--every <n>', 'progress line every n objects', (v) => Number(v), 100_000)
    .option('--profile <profile>', 'embedded, or distributed (after embedded)', 'embedded')
    .option('--workers <n>', 'worker processes of the distributed run', (v) => Number(v), 1)
    .parse(process.argv)
    .opts<Options>();
  if (options.profile !== 'embedded' && options.profile !== 'distributed') {
    throw new Error(`--profile must be embedded or distributed, not ${String(options.profile)}`);
  }
  await runEmbedded(options);
  if (options.profile === 'distributed') {
    emit(await runDistributed(options));
  }
}

async function runEmbedded(options: Options): Promise<void> {
  const platform = await freshPlatform();
  const sampler = new RssSampler();
  const run = await openRun(platform.app, 'bench synthetic corpus');
  const meter = new CpuMeter(platform.app);
  const start = performance.now();
  let generationMs = 0;
  let done = 0;
  let nextLine = options.every;
  let windowStart = start;
  let windowDone = 0;
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
    if (done >= nextLine) {
      const now = performance.now();
      emit({
        bench: 'ingest-progress',
        objects: done,
        elapsed_s: (now - start) / 1000,
        objects_per_s: Math.round(done / ((now - start - generationMs) / 1000)),
        window_objects_per_s: Math.round((done - windowDone) / ((now - windowStart) / 1000)),
        rss_mb: Math.round(process.memoryUsage.rss() / 1048576),
        heap_used_mb: Math.round(process.memoryUsage().heapUsed / 1048576),
      });
      windowStart = now;
      windowDone = done;
      nextLine += options.every;
    }
  }
  const report = await run.finish();
  const wall = (performance.now() - start) / 1000;
  const ingestSeconds = wall - generationMs / 1000;
  emit({
    bench: 'ingest',
    profile: 'embedded',
    objects: done,
    wall_s: Number(wall.toFixed(2)),
    generation_s: Number((generationMs / 1000).toFixed(2)),
    objects_per_s: Math.round(done / ingestSeconds),
    peak_rss_mb: sampler.stop(),
    ...meter.stop(),
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
  });
  await platform.close();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
