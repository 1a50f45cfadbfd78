import { readFileSync } from 'node:fs';
import { dropRunData, loopbackPortBase, sharedData } from '@lib/testing';
import { assertBuilt } from '../../support/cli.util';
import {
  distributedEnv,
  embeddedCounts,
  graphql,
  knowledgeCounts,
  services,
  startRole,
  stopRole,
  totalOf,
  waitFor,
  waitReady,
} from '../../support/distributed.util';
import type { PlatformProcess } from '../../support/distributed.util';

// Issue #5's fault test: a core and a worker on the distributed profile keep running while
// Redis, RabbitMQ and OpenSearch are each stopped and started again in the middle of an import.
// While a service is down, readiness says so and names it; once it is back, the processes
// reconnect, the import completes, and the counts equal those of a clean embedded import.

const BUNDLE = sharedData('mitre-attack', 'ics-attack-18.1.json');
const DOWN_MS = 3_000;

type Readiness = { status: number; failing: string[] };

async function readiness(port: number): Promise<Readiness> {
  const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
  const body = (await res.json()) as { checks: Record<string, { ok: boolean }> };
  const failing = Object.entries(body.checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name);
  return { status: res.status, failing: failing.sort() };
}

describe('distributed profile: Redis, RabbitMQ and OpenSearch restarts', () => {
  const processes: PlatformProcess[] = [];
  const runs: string[] = [];
  let expected: Record<string, number>;
  let bundle: string;

  beforeAll(async () => {
    assertBuilt();
    expected = await embeddedCounts(BUNDLE);
    bundle = readFileSync(BUNDLE, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map(stopRole));
    // Whatever happened, the services are left running for the suites after this one.
    services('redis', 'rabbitmq', 'opensearch');
    await Promise.all(runs.map(dropRunData));
  }, 180_000);

  // Each case runs its own core and worker (own index, key and queue names).
  it.each([
    { service: 'redis', down: ['cache', 'events', 'queue'] },
    { service: 'rabbitmq', down: ['bus'] },
    { service: 'opensearch', down: ['store'] },
  ])(
    'a $service restart in the middle of an import loses nothing',
    async ({ service, down }) => {
      const run = `tlrst${service.slice(0, 4)}${Date.now().toString(36)}`;
      runs.push(run);
      // Small transactions, so the import is still under way when the service goes.
      const env = distributedEnv(run, { THREATLOOM_INGESTION_BATCH_SIZE: '25' });
      const base = loopbackPortBase();
      const core = startRole('core', base, env);
      const worker = startRole('worker', base + 1, env);
      processes.push(core, worker);
      await Promise.all([waitReady(core), waitReady(worker)]);

      await graphql(
        core.port,
        'mutation($b: String!) { stixBundlePush(connectorId: "restarts", bundle: $b) }',
        { b: bundle },
      );
      const partial = await waitFor(
        'the first objects',
        async () => {
          const n = totalOf(await knowledgeCounts(core.port));
          return n > 0 ? n : undefined;
        },
        60_000,
      );
      expect(partial).toBeLessThan(totalOf(expected));

      services('--stop', service);
      try {
        await new Promise((r) => setTimeout(r, DOWN_MS));
        // Down: readiness fails loudly, naming what is missing; the processes keep running.
        const whileDown = await readiness(core.port);
        expect(whileDown.status).toBe(503);
        expect(whileDown.failing).toEqual(down);
      } finally {
        services(service);
      }
      expect(core.child.exitCode).toBeNull();
      expect(worker.child.exitCode).toBeNull();

      // Back: both processes reconnect and the import completes, each object once.
      await Promise.all([waitReady(core, 60_000), waitReady(worker, 60_000)]);
      const final = await waitFor(
        'the whole bundle',
        async () => {
          const counts = await knowledgeCounts(core.port);
          return totalOf(counts) >= totalOf(expected) ? counts : undefined;
        },
        300_000,
      ).catch((error: unknown) => {
        // What the processes said, to tell a slow recovery from a lost import.
        throw new Error(
          `${String(error)}\n--- worker ---\n${worker.output().slice(-4000)}\n--- core ---\n${core.output().slice(-2000)}`,
        );
      });
      expect(final).toEqual(expected);
      await Promise.all([stopRole(core), stopRole(worker)]);
    },
    480_000,
  );
});
