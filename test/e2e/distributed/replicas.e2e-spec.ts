import { readFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { loadConfig } from '@lib/config';
import { EventStream, EventStreamModule } from '@lib/event-stream';
import { dropRunData, loopbackPortBase, sharedData } from '@lib/testing';
import { assertBuilt, readBundleObjects, runCli } from '../../support/cli.util';
import {
  distributedEnv,
  embeddedCounts,
  graphql,
  knowledgeCounts,
  startRole,
  stopRole,
  totalOf,
  waitFor,
  waitReady,
} from '../../support/distributed.util';
import type { PlatformProcess } from '../../support/distributed.util';

// Issue #5's replica test: 2 core, 2 worker and 1 connector-host processes on the distributed
// profile against the real services; a bundle goes in through core A, is read through core B,
// its events are read from the shared live stream, and the worker importing it is SIGKILLed
// in the middle: the other worker takes the bundle over once its lease lapses, and every object
// ends up stored once (the counts equal those of a clean embedded import of the same bundle).

const BUNDLE = sharedData('mitre-attack', 'mobile-attack-18.1.json');
const LEASE_S = 15;

describe('distributed profile: replicas and a lost worker', () => {
  const run = `tlrep${Date.now().toString(36)}`;
  const env = distributedEnv(run, {
    THREATLOOM_INGESTION_LEASE_S: String(LEASE_S),
    // Small transactions, so the import is still under way when its worker is killed.
    THREATLOOM_INGESTION_BATCH_SIZE: '25',
  });
  const base = loopbackPortBase();
  const processes: PlatformProcess[] = [];
  let events: TestingModule | undefined;
  const start = (app: string, offset: number) => {
    const p = startRole(app, base + offset, env);
    processes.push(p);
    return p;
  };

  beforeAll(() => assertBuilt());

  afterAll(async () => {
    await events?.close();
    await Promise.all(processes.map(stopRole));
    await dropRunData(run);
  });

  it('refuses to boot when services are unreachable, naming each', () => {
    const bad = distributedEnv(`${run}bad`, {
      THREATLOOM_REDIS_URL: 'redis://127.0.0.1:6399',
      THREATLOOM_ELASTIC_URL: 'http://127.0.0.1:9299',
    });
    const result = runCli(['--app=core'], { ...bad, THREATLOOM_PORT: String(base + 99) });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Redis at redis://127.0.0.1:6399');
    expect(result.stderr).toContain('OpenSearch at http://127.0.0.1:9299');
    expect(result.stderr).not.toContain('RabbitMQ at');
  }, 60_000);

  it('imports through core A, reads through core B, survives a SIGKILLed worker', async () => {
    const expected = await embeddedCounts(BUNDLE);
    const coreA = start('core', 0);
    const coreB = start('core', 1);
    const connectorHost = start('connector-host', 2);
    const workerA = start('worker', 3);
    await Promise.all([coreA, coreB, connectorHost, workerA].map((p) => waitReady(p)));

    events = await Test.createTestingModule({
      imports: [EventStreamModule.forRoot(loadConfig({ env }).events)],
    }).compile();
    const stream = events.get(EventStream);
    const from = await stream.lastEventId();

    const bundle = readFileSync(BUNDLE, 'utf8');
    const pushed = await graphql<{ stixBundlePush: string }>(
      coreA.port,
      'mutation($b: String!) { stixBundlePush(connectorId: "replicas", bundle: $b) }',
      { b: bundle },
    );
    expect(pushed.stixBundlePush).toMatch(/^work_/);

    // Worker B joins while worker A imports; worker A is killed once it has written part of
    // the bundle (objects come before relationships, so the sum tells how far it got).
    const workerB = start('worker', 4);
    const partial = await waitFor(
      'the first objects',
      async () => {
        const n = totalOf(await knowledgeCounts(coreB.port));
        return n > 0 ? n : undefined;
      },
      60_000,
    );
    workerA.child.kill('SIGKILL');
    expect(partial).toBeLessThan(totalOf(expected));
    await waitReady(workerB);

    const final = await waitFor(
      'the whole bundle through worker B',
      async () => {
        const counts = await knowledgeCounts(coreB.port);
        return counts.stixCoreRelationships === expected.stixCoreRelationships ? counts : undefined;
      },
      (LEASE_S + 90) * 1000,
    );
    // Nothing twice: the same counts as a clean import, and still so a moment later.
    expect(final).toEqual(expected);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await knowledgeCounts(coreA.port)).toEqual(expected);

    // Every object of the bundle answers through core B.
    const ids = readBundleObjects(BUNDLE).map((o) => o.id);
    for (let i = 0; i < ids.length; i += 200) {
      const part = ids.slice(i, i + 200);
      const query = `{ ${part
        .map((id, j) => `o${j}: stixObjectOrStixRelationship(id: "${id}") { __typename }`)
        .join(' ')} }`;
      const found = await graphql<Record<string, unknown>>(coreB.port, query);
      expect(part.filter((_, j) => found[`o${j}`] === null)).toEqual([]);
    }

    // The live stream carries the bundle's creations.
    const created = new Set<string>();
    for (let after = from; ;) {
      const page = await stream.read({ ...(after ? { after } : {}), limit: 5000 });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.type === 'create' && event.scope === 'external') created.add(event.elementId);
      }
      after = page[page.length - 1]?.id;
    }
    expect(created.size).toBeGreaterThanOrEqual(
      (expected.stixCoreObjects ?? 0) + (expected.stixCoreRelationships ?? 0),
    );
  }, 240_000);
});
