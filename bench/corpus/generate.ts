// CLI: node dist/bench/corpus/generate.js --objects N --out DIR [--seed S] [--bundle-size B]
// Writes bundle-00001.json, bundle-00002.json, ... and prints one JSON line of statistics.
// Independent of libs/ on purpose: the corpus is used to test the platform.
import { Command, InvalidArgumentError } from 'commander';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_BUNDLE_SIZE, DEFAULT_SEED } from './corpus.constants';
import type { CorpusBundle } from './synthetic-corpus';
import { forEachBundle } from './synthetic-corpus';

type CliOptions = { objects: number; out: string; seed?: number; bundleSize?: number };

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError(`"${value}" is not an integer`);
  }
  return parsed;
}

function bundleFileName(index: number): string {
  return `bundle-${String(index).padStart(5, '0')}.json`;
}

// Objects per write: bounded strings instead of one multi-megabyte JSON text per bundle, which
// would land in V8's large-object space and inflate the peak RSS.
const OBJECTS_PER_WRITE = 100;

/** Writes the bundle as compact JSON (same bytes as JSON.stringify); returns the byte count. */
function writeBundle(file: string, bundle: CorpusBundle): number {
  const fd = openSync(file, 'w');
  try {
    let bytes = writeSync(fd, `{"type":"bundle","id":${JSON.stringify(bundle.id)},"objects":[`);
    for (let start = 0; start < bundle.objects.length; start += OBJECTS_PER_WRITE) {
      const chunk = bundle.objects.slice(start, start + OBJECTS_PER_WRITE);
      const json = JSON.stringify(chunk).slice(1, -1);
      bytes += writeSync(fd, start === 0 ? json : `,${json}`);
    }
    return bytes + writeSync(fd, ']}');
  } finally {
    closeSync(fd);
  }
}

function run(options: CliOptions): void {
  const out = resolve(options.out);
  const seed = options.seed ?? DEFAULT_SEED;
  const bundleSize = options.bundleSize ?? DEFAULT_BUNDLE_SIZE;
  mkdirSync(out, { recursive: true });
  const started = process.hrtime.bigint();
  let peakRss = process.memoryUsage.rss();
  let bundles = 0;
  let bytes = 0;
  const stats = forEachBundle({ objects: options.objects, seed, bundleSize }, (bundle) => {
    bundles += 1;
    bytes += writeBundle(join(out, bundleFileName(bundles)), bundle);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const summary = {
    ...stats,
    bundles,
    seed,
    bundleSize,
    out,
    bytes,
    seconds: Number(seconds.toFixed(3)),
    objectsPerSecond: Math.round(stats.objects / Math.max(seconds, 1e-9)),
    peakRssMb: Number((peakRss / 1048576).toFixed(1)),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

const program = new Command()
  .name('generate')
  .description('Write a deterministic synthetic STIX 2.1 corpus as bundle files')
  .requiredOption('--objects <n>', 'exact number of objects', integer)
  .requiredOption('--out <dir>', 'output directory (created if missing)')
  .option('--seed <s>', `PRNG seed (default ${DEFAULT_SEED})`, integer)
  .option('--bundle-size <b>', `objects per bundle (default ${DEFAULT_BUNDLE_SIZE})`, integer);

try {
  program.parse();
  run(program.opts<CliOptions>());
} catch (error: unknown) {
  // Record and exit non-zero: bad options (RangeError from the generator) or I/O failures.
  process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
