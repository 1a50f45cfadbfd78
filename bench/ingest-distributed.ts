import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@lib/config';
import { JobQueue, JobQueueModule } from '@lib/job-queue';
import {
  distributedPlatformEnv,
  dropRunData,
  loopbackPortBase,
  platformGraphql,
  startRole,
  stopRole,
  waitReady,
} from '@lib/testing';
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

/** The kernel's high-water mark of a process's resident memory, in MiB. */
function peakRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

function pushBundle(port: number, bundle: string): Promise<unknown> {
  return platformGraphql(
    port,
    TOKEN,
    'mutation($b: String!) { stixBundlePush(connectorId: "bench", bundle: $b) }',
    { b: bundle },
  );
}

/** Runs the corpus through core + workers; the JSON line of the run. */
export async function runDistributed(
  options: DistributedOptions,
): Promise<Record<string, unknown>> {
  const run = `tlbench${Date.now().toString(36)}`;
  const env = distributedPlatformEnv(
    run,
    { token: TOKEN, password: randomUUID() },
    // The ingestion and audit settings of the bench's environment (batch size, data changes
    // audited or not…) apply to the roles.
    Object.fromEntries(
      Object.entries(process.env).filter(([key]) =>
        ['THREATLOOM_INGESTION_', 'THREATLOOM_AUDIT_'].some((prefix) => key.startsWith(prefix)),
      ),
    ),
  );
  // BENCH_ROLE_NODE_ARGS="--prof" (say) profiles the platform's processes.
  const nodeArgs = (process.env.BENCH_ROLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const base = loopbackPortBase();
  const core = startRole('core', base, env, { nodeArgs });
  const workers = Array.from({ length: options.workers }, (_, i) =>
    startRole('worker', base + 1 + i, env, { name: `worker-${i + 1}`, nodeArgs }),
  );
  const roles = [core, ...workers];
  const queueApp = await NestFactory.createApplicationContext(
    JobQueueModule.forRoot(loadConfig({ env }).queue),
    { logger: ['error'] },
  );
  try {
    await Promise.all(roles.map((role) => waitReady(role, 90_000)));
    const queue = queueApp.get(JobQueue);
    const sampler = new RssSampler();
    const start = performance.now();
    let generationMs = 0;
    let pushed = 0;
    const corpus = generateCorpus(options);
    for (;;) {
      const t0 = performance.now();
      const next = corpus.next();
      if (next.done) break;
      const { objects } = next.value;
      const bundle = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
      generationMs += performance.now() - t0;
      await pushBundle(core.port, bundle);
      pushed += objects.length;
    }
    const pushedAt = performance.now();
    for (;;) {
      const stats = await queue.stats(INGESTION_QUEUE);
      if (stats.waiting + stats.delayed + stats.active === 0) {
        const wall = (performance.now() - start) / 1000;
        // Core writes the audit entries of the import meanwhile, and may finish after it.
        const audited = (await auditCaughtUp(core.port)) / 1000 - start / 1000;
        return {
          bench: 'ingest',
          profile: 'distributed',
          workers: options.workers,
          objects: pushed,
          wall_s: Number(wall.toFixed(2)),
          push_s: Number(((pushedAt - start) / 1000).toFixed(2)),
          generation_s: Number((generationMs / 1000).toFixed(2)),
          objects_per_s: Math.round(pushed / wall),
          audit_caught_up_s: Number(audited.toFixed(2)),
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
    await dropRunData(run);
    rmSync(env.THREATLOOM_DATA_DIR ?? '', { recursive: true, force: true });
  }
}

/** When (performance.now()) core's /metrics says its audit log has every event of the import. */
async function auditCaughtUp(port: number): Promise<number> {
  const deadline = performance.now() + 600_000;
  while (performance.now() < deadline) {
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (/^threatloom_audit_lag_seconds 0$/m.test(metrics)) return performance.now();
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The audit log did not catch up with the import within 10 min');
}
