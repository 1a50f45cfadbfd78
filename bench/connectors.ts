import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import {
  distributedPlatformEnv,
  dropRunData,
  loopbackPortBase,
  platformGraphql,
  repoRoot,
  sharedData,
  startRole,
  stopRole,
  venvPython,
  waitReady,
} from '@lib/testing';
import type { PlatformProcess } from '@lib/testing';
import { emit } from './bench-harness';
import { generateCorpus } from './corpus/synthetic-corpus';

// npm run bench:connectors -- --profile distributed --workers 3 --objects 20000
// A connector on pycti's helper (the pycti 6.9 virtualenv of scripts/services) sends a synthetic
// corpus. Distributed (AMQP): pycti fills the connector's push queue while only core runs, then
// the workers start and the clock runs from their readiness to the work's completion: messages
// per second from the push queue to stored objects. Embedded (HTTP mode): pycti pushes each
// bundle with stixBundlePush and the clock runs from the first push to the work's completion.

const run = promisify(execFile);

/** execFile, its error naming how the child ended (exit code or signal). */
async function runReporting(
  ...args: Parameters<typeof run>
): Promise<{ stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(...args);
    return { stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    const { code, signal } = error as { code?: unknown; signal?: unknown };
    throw new Error(
      `${(error as Error).message}(exit code ${String(code)}, signal ${String(signal)})`,
    );
  }
}
const TOKEN = randomUUID();

type Options = {
  profile: 'embedded' | 'distributed';
  connector: 'pycti' | 'mitre';
  sources: string;
  workers: number;
  objects: number;
  bundleSize: number;
  seed: number;
  venv: string;
  logLevel: string;
  logFile?: string;
  prefetch?: number;
};

type Pushed = { work_id: string; messages: number; send_s: number };
type Work = { status: string; tracking: { import_processed_number: number }; errors_count: number };

function corpusFiles(dir: string, options: Options): { files: string[]; objects: number } {
  const files: string[] = [];
  let objects = 0;
  for (const bundle of generateCorpus(options)) {
    const file = join(dir, `bundle-${files.length}.json`);
    writeFileSync(file, JSON.stringify(bundle));
    files.push(file);
    objects += bundle.objects.length;
  }
  return { files, objects };
}

async function push(
  options: Options,
  port: number,
  mode: 'amqp' | 'api',
  files: string[],
): Promise<Pushed> {
  const python = venvPython(options.venv);
  const { stdout } = await runReporting(
    python,
    [join(repoRoot(), 'bench', 'connectors', 'pycti_push.py'), ...files],
    {
      env: {
        ...process.env,
        OPENCTI_URL: `http://127.0.0.1:${port}`,
        OPENCTI_TOKEN: TOKEN,
        CONNECTOR_ID: 'bench-connector',
        CONNECTOR_NAME: 'Bench connector',
        CONNECTOR_QUEUE_PROTOCOL: mode,
      },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 3_600_000,
    },
  );
  return JSON.parse(stdout) as Pushed;
}

/** No progress for this long ends the bench with an error instead of waiting forever. */
const STALL_MS = 120_000;

/**
 * The work once complete with at least `total` objects processed: a work whose sender sends
 * several bundles may complete between two of them (everything expected so far processed), as
 * OpenCTI's do, and then go on.
 */
async function completed(port: number, workId: string, total = 0): Promise<Work> {
  let processed = -1;
  let movedAt = performance.now();
  for (;;) {
    const { work } = await platformGraphql<{ work: Work }>(
      port,
      TOKEN,
      'query($id: ID!) { work(id: $id) { status errors_count tracking { import_processed_number } } }',
      { id: workId },
    );
    if (work.status === 'complete' && work.tracking.import_processed_number >= total) return work;
    if (work.tracking.import_processed_number !== processed) {
      processed = work.tracking.import_processed_number;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > STALL_MS) {
      throw new Error(
        `Work ${workId} stalled at ${processed} processed objects for ${STALL_MS / 1000} s ` +
          `(${work.errors_count} errors; dead-lettered messages never complete it)`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const options = new Command('bench:connectors')
    .option('--profile <profile>', 'embedded (HTTP mode) or distributed (AMQP)', 'distributed')
    .option(
      '--connector <name>',
      'pycti (a pycti helper pushing) or mitre (the built-in one)',
      'pycti',
    )
    .option(
      '--sources <list>',
      'what the built-in mitre connector imports (comma list of paths)',
      ['enterprise-attack-18.1.json.gz', 'mobile-attack-18.1.json', 'ics-attack-18.1.json']
        .map((f) => sharedData('mitre-attack', f))
        .join(','),
    )
    .option('--workers <n>', 'worker processes (distributed)', (v) => Number(v), 3)
    .option('--objects <n>', 'objects the connector sends', (v) => Number(v), 20_000)
    .option('--bundle-size <n>', 'objects per send_stix2_bundle', (v) => Number(v), 2000)
    .option('--seed <n>', 'corpus seed', (v) => Number(v), 42)
    .option('--venv <name>', 'pycti virtualenv under .cache/venvs', 'pycti-6.9.10')
    .option('--log-level <level>', 'log level of the platform processes', 'warn')
    .option('--log-file <path>', 'where to write what the workers printed')
    .option(
      '--prefetch <n>',
      "messages a worker imports as one batch (the platform's default)",
      (v) => Number(v),
    )
    .parse(process.argv)
    .opts<Options>();
  if (options.connector === 'mitre') {
    await benchMitre(options);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-connectors-'));
  const { files, objects } = corpusFiles(dir, options);
  const runName = `tlbc${Date.now().toString(36)}`;
  const base = loopbackPortBase();
  const roles: PlatformProcess[] = [];
  try {
    if (options.profile === 'embedded') {
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        THREATLOOM_DATA_DIR: join(dir, 'data'),
        THREATLOOM_ADMIN_TOKEN: TOKEN,
        THREATLOOM_ADMIN_PASSWORD: randomUUID(),
        THREATLOOM_HOST: '127.0.0.1',
        THREATLOOM_LOG_LEVEL: options.logLevel,
      };
      const platform = startRole('all', base, env);
      roles.push(platform);
      await waitReady(platform, 90_000);
      const start = performance.now();
      const pushed = await push(options, base, 'api', files);
      const work = await completed(base, pushed.work_id, objects);
      const wall = (performance.now() - start) / 1000;
      emit({
        bench: 'connectors',
        profile: 'embedded',
        mode: 'http',
        objects,
        messages: pushed.messages,
        processed: work.tracking.import_processed_number,
        errors: work.errors_count,
        push_s: Number(pushed.send_s.toFixed(2)),
        wall_s: Number(wall.toFixed(2)),
        objects_per_s: Math.round(objects / wall),
      });
      return;
    }
    const env = distributedPlatformEnv(
      runName,
      { token: TOKEN, password: randomUUID() },
      {
        THREATLOOM_LOG_LEVEL: options.logLevel,
        ...(options.prefetch
          ? { THREATLOOM_CONNECTOR_PUSH_PREFETCH: String(options.prefetch) }
          : {}),
      },
    );
    // BENCH_ROLE_NODE_ARGS="--cpu-prof" (say) profiles the platform's processes.
    const nodeArgs = (process.env.BENCH_ROLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const core = startRole('core', base, env, { nodeArgs });
    roles.push(core);
    await waitReady(core, 90_000);
    const pushed = await push(options, base, 'amqp', files);
    const workers = Array.from({ length: options.workers }, (_, i) =>
      startRole('worker', base + 1 + i, env, { name: `worker-${i + 1}`, nodeArgs }),
    );
    roles.push(...workers);
    await Promise.all(workers.map((w) => waitReady(w, 90_000)));
    const start = performance.now();
    const work = await completed(base, pushed.work_id);
    const drain = (performance.now() - start) / 1000;
    emit({
      bench: 'connectors',
      profile: 'distributed',
      mode: 'amqp',
      workers: options.workers,
      ...(options.prefetch ? { prefetch: options.prefetch } : {}),
      objects,
      messages: pushed.messages,
      processed: work.tracking.import_processed_number,
      errors: work.errors_count,
      publish_s: Number(pushed.send_s.toFixed(2)),
      publish_messages_per_s: Math.round(pushed.messages / pushed.send_s),
      drain_s: Number(drain.toFixed(2)),
      messages_per_s: Math.round(pushed.messages / drain),
    });
  } finally {
    if (options.logFile) {
      writeFileSync(options.logFile, roles.map((r) => `== ${r.name}\n${r.output()}`).join('\n'));
    }
    await Promise.all(roles.map(stopRole));
    if (options.profile === 'distributed') await dropRunData(runName);
    rmSync(dir, { recursive: true, force: true });
  }
}

type MitreWork = Work & { id: string };

/** The built-in mitre connector end to end: from the platform's readiness to its run's completion. */
async function benchMitre(options: Options): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tl-bench-mitre-'));
  const runName = `tlbm${Date.now().toString(36)}`;
  const base = loopbackPortBase();
  const builtIn = {
    THREATLOOM_BUILTIN_CONNECTORS: 'mitre',
    THREATLOOM_CONNECTOR_MITRE_SOURCES: options.sources,
  };
  const roles: PlatformProcess[] = [];
  try {
    if (options.profile === 'embedded') {
      roles.push(
        startRole('all', base, {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          THREATLOOM_DATA_DIR: join(dir, 'data'),
          THREATLOOM_ADMIN_TOKEN: TOKEN,
          THREATLOOM_ADMIN_PASSWORD: randomUUID(),
          THREATLOOM_HOST: '127.0.0.1',
          THREATLOOM_LOG_LEVEL: options.logLevel,
          ...builtIn,
        }),
      );
    } else {
      const env = distributedPlatformEnv(
        runName,
        { token: TOKEN, password: randomUUID() },
        { THREATLOOM_LOG_LEVEL: options.logLevel, ...builtIn },
      );
      roles.push(startRole('core', base, env));
      roles.push(startRole('connector-host', base + 1, env, { name: 'connector-host' }));
      for (let i = 0; i < options.workers; i += 1) {
        roles.push(startRole('worker', base + 2 + i, env, { name: `worker-${i + 1}` }));
      }
    }
    await Promise.all(roles.map((r) => waitReady(r, 90_000)));
    const start = performance.now();
    const work = await mitreRun(base);
    const wall = (performance.now() - start) / 1000;
    emit({
      bench: 'connectors',
      connector: 'mitre',
      profile: options.profile,
      ...(options.profile === 'distributed' ? { workers: options.workers } : {}),
      sources: options.sources.split(',').length,
      objects: work.tracking.import_processed_number,
      errors: work.errors_count,
      wall_s: Number(wall.toFixed(2)),
      objects_per_s: Math.round(work.tracking.import_processed_number / wall),
    });
  } finally {
    if (options.logFile) {
      writeFileSync(options.logFile, roles.map((r) => `== ${r.name}\n${r.output()}`).join('\n'));
    }
    await Promise.all(roles.map(stopRole));
    if (options.profile === 'distributed') await dropRunData(runName);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first run of the built-in mitre connector, once complete. */
async function mitreRun(port: number): Promise<MitreWork> {
  for (;;) {
    const { connector } = await platformGraphql<{ connector: { works: MitreWork[] } | null }>(
      port,
      TOKEN,
      `{ connector(id: "threatloom-mitre") { works { id status errors_count tracking { import_processed_number } } } }`,
    );
    const work = connector?.works[0];
    if (work?.status === 'complete') return work;
    await new Promise((r) => setTimeout(r, 500));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
