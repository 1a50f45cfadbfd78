import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { BUNDLE_PART_OBJECTS, readBundleFileParts } from '@app/platform';
import { readBundle } from '@lib/stix';
import { CpuMeter, RssSampler, emit, freshPlatform, openRun } from './bench-harness';

// npm run bench:import [-- <bundle.json(.gz)>]: ATT&CK enterprise into a fresh embedded store,
// and in the same run the floor: JSON parse + plain row insert into an unindexed SQLite table.
// Each phase runs in its own process so that each peak RSS is its own.

const DEFAULT_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'mitre-attack',
  'enterprise-attack-18.1.json.gz',
);

function load(file: string): unknown[] {
  const raw = readFileSync(file);
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return readBundle(JSON.parse(text)).objects;
}

function floorPhase(file: string): Record<string, unknown> {
  const sampler = new RssSampler();
  const dir = mkdtempSync(join(tmpdir(), 'tl-floor-'));
  const start = performance.now();
  const objects = load(file);
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE objects (doc TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO objects (doc) VALUES (?)');
  db.transaction(() => objects.forEach((o) => insert.run(JSON.stringify(o))))();
  db.close();
  const wall = (performance.now() - start) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { objects: objects.length, wall_s: wall, peak_rss_mb: sampler.stop() };
}

async function importPhase(file: string): Promise<Record<string, unknown>> {
  const platform = await freshPlatform();
  const sampler = new RssSampler();
  const meter = new CpuMeter(platform.app);
  const start = performance.now();
  // Read as the CLI reads it: streamed, each part imported as soon as it is read.
  const run = await openRun(platform.app, `bench ${basename(file)}`);
  let objects = 0;
  for await (const part of readBundleFileParts(file, BUNDLE_PART_OBJECTS)) {
    objects += part.objects.length;
    await run.addObjects(part.objects, { specVersion: part.specVersion });
  }
  const report = await run.finish();
  const wall = (performance.now() - start) / 1000;
  const peak = sampler.stop();
  const cpu = meter.stop();
  await platform.close();
  return {
    objects,
    wall_s: wall,
    peak_rss_mb: peak,
    ...cpu,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected,
    embedded_created: report.embeddedCreated,
  };
}

// The flags bench:ingest runs with (README, benchmarks): V8 sizes its heap by allocation rate, not
// by what is live (about 110 MB here), so the old space is capped and allowed to double between full
// collections, and the young generation holds a batch's working set. Read part by part, the import
// stays under the memory target with them (430-485 MB; 335-360 MB with the cap alone).
const IMPORT_NODE_FLAGS = [
  '--max-old-space-size=384',
  '--heap-growing-percent=100',
  '--max-semi-space-size=32',
];

async function main(): Promise<void> {
  const [phase, file = DEFAULT_FILE] = process.argv.slice(2);
  if (phase === '--phase-floor' || phase === '--phase-import') {
    emit(phase === '--phase-floor' ? floorPhase(file) : await importPhase(file));
    return;
  }
  const target = phase ?? DEFAULT_FILE;
  const child = (which: string) => {
    const result = spawnSync(process.execPath, [...IMPORT_NODE_FLAGS, __filename, which, target], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.status !== 0) {
      throw new Error(`${which} failed: ${result.stderr}`);
    }
    return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  };
  const floor = child('--phase-floor');
  const imported = child('--phase-import');
  const objectsPerS = Math.round((imported.objects ?? 0) / (imported.wall_s ?? 1));
  emit({
    bench: 'import',
    file: basename(target),
    ...imported,
    objects_per_s: objectsPerS,
    floor_wall_s: floor.wall_s,
    floor_peak_rss_mb: floor.peak_rss_mb,
    ratio_to_floor: Number(((imported.wall_s ?? 0) / (floor.wall_s ?? 1)).toFixed(2)),
  });
  process.stderr.write(
    `import ${basename(target)}: ${imported.objects} objects in ${imported.wall_s?.toFixed(2)} s (${objectsPerS}/s), peak RSS ${imported.peak_rss_mb} MB; floor ${floor.wall_s?.toFixed(2)} s; ratio ${((imported.wall_s ?? 0) / (floor.wall_s ?? 1)).toFixed(2)}x\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
