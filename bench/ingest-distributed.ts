import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@lib/config';
import { JobQueue, JobQueueModule } from '@lib/job-queue';
import { dropRunIndices, loopbackServicesEnv, repoRoot, runNamesEnv } from '@lib/testing';
import { generateCorpus } from './corpus/synthetic-corpus';
import { RssSampler } from './bench-harness';

// The distributed half of `npm run bench:ingest -- --profile distributed`: a core and N worker
// processes on the distributed profile against the services scripts/services starts; the
// synthetic corpus is pushed bundle by bundle through core's GraphQL `stixBundlePush` (the path
// connectors and scripts take) and the clock stops when the ingestion queue is drained.

const TOKEN = randomUUID();
const INGESTION_QUEUE = 'ingestion';

export type DistributedOptions = {
  objects: number;
  bundleSize: number;
  seed: number;
  workers: number;
};

type Role = { name: string; child: ChildProcess; port: number; output: string[] };

function startRole(name: string, app: string, port: number, env: NodeJS.ProcessEnv): Role {
  // BENCH_ROLE_NODE_ARGS="--prof" (say) profiles the platform's processes.
  const nodeArgs = (process.env.BENCH_ROLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const bin = join(repoRoot(), 'bin', 'threatloom.js');
  const child = spawn(process.execPath, [...nodeArgs, bin, `--app=${app}`], {
    env: { ...env, THREATLOOM_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const role: Role = { name, child, port, output: [] };
  const keep = (chunk: Buffer) => {
    role.output.push(chunk.toString());
    if (role.output.length > 50) role.output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return role;
}

async function waitReady(role: Role): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (role.child.exitCode !== null) {
      throw new Error(`${role.name} exited ${role.child.exitCode}: ${role.output.join('')}`);
    }
    const res = await fetch(`http://127.0.0.1:${role.port}/health/ready`).catch(() => undefined);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${role.name} not ready after 90 s: ${role.output.join('')}`);
}

/** The kernel's high-water mark of a process's resident memory, in MiB. */
function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

async function stopRole(role: Role): Promise<void> {
  if (role.child.exitCode !== null || role.child.signalCode !== null) return;
  const exited = new Promise((r) => role.child.once('exit', r));
  role.child.kill('SIGTERM');
  const timer = setTimeout(() => role.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function pushBundle(port: number, bundle: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      query: 'mutation($b: String!) { stixBundlePush(connectorId: "bench", bundle: $b) }',
      variables: { b: bundle },
    }),
  });
  const body = (await res.json()) as { errors?: unknown[] };
  if (!res.ok || body.errors) {
    throw new Error(`stixBundlePush answered ${res.status}: ${JSON.stringify(body.errors)}`);
  }
}

/** Runs the corpus through core + workers; the JSON line of the run. */
export async function runDistributed(
  options: DistributedOptions,
): Promise<Record<string, unknown>> {
  const run = `tlbench${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tl-bench-dist-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...loopbackServicesEnv(),
    ...runNamesEnv(run),
    THREATLOOM_PROFILE: 'distributed',
    THREATLOOM_DATA_DIR: dataDir,
    THREATLOOM_ADMIN_TOKEN: TOKEN,
    THREATLOOM_ADMIN_PASSWORD: randomUUID(),
    THREATLOOM_HOST: '127.0.0.1',
    THREATLOOM_LOG_LEVEL: 'warn',
    // The ingestion settings of the bench's environment (batch size, …) apply to the roles.
    ...Object.fromEntries(
      Object.entries(process.env).filter(([key]) => key.startsWith('THREATLOOM_INGESTION_')),
    ),
  };
  const base = 20_000 + Math.floor(Math.random() * 20_000);
  const roles = [startRole('core', 'core', base, env)];
  for (let i = 0; i < options.workers; i += 1) {
    roles.push(startRole(`worker-${i + 1}`, 'worker', base + 1 + i, env));
  }
  const queueApp = await NestFactory.createApplicationContext(
    JobQueueModule.forRoot(loadConfig({ env }).queue),
    { logger: ['error'] },
  );
  try {
    await Promise.all(roles.map(waitReady));
    const [core] = roles;
    if (!core) throw new Error('no core process');
    const queue = queueApp.get(JobQueue);
    const sampler = new RssSampler();
    const start = performance.now();
    let generationMs = 0;
    let pushed = 0;
    const corpus = generateCorpus(options);
    for (;;) {
      const t0 = performance.now();
      const next = corpus.next();
      const bundle = next.done
        ? undefined
        : JSON.stringify({
            type: 'bundle',
            id: `bundle--${randomUUID()}`,
            objects: next.value.objects,
          });
      generationMs += performance.now() - t0;
      if (next.done || !bundle) break;
      await pushBundle(core.port, bundle);
      pushed += next.value.objects.length;
    }
    const pushedAt = performance.now();
    for (;;) {
      const stats = await queue.stats(INGESTION_QUEUE);
      if (stats.waiting + stats.delayed + stats.active === 0) {
        const wall = (performance.now() - start) / 1000;
        return {
          bench: 'ingest',
          profile: 'distributed',
          workers: options.workers,
          objects: pushed,
          wall_s: Number(wall.toFixed(2)),
          push_s: Number(((pushedAt - start) / 1000).toFixed(2)),
          generation_s: Number((generationMs / 1000).toFixed(2)),
          objects_per_s: Math.round(pushed / wall),
          dead_letters: stats.dead,
          // A dead letter is a bundle not imported: its reason is part of the figure.
          ...(stats.dead > 0
            ? {
                dead_reasons: (await queue.listDeadLetters(INGESTION_QUEUE, { limit: 3 })).map(
                  (letter) => letter.reason,
                ),
              }
            : {}),
          peak_rss_mb: Object.fromEntries([
            ['bench', sampler.stop()],
            ...roles.map((r) => [r.name, peakRssMb(r.child.pid)]),
          ]),
        };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await queueApp.close();
    await Promise.all(roles.map(stopRole));
    await dropRunIndices(run);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
