import { dropRunData, loopbackPortBase } from '@lib/testing';
import { assertBuilt } from '../../support/cli.util';
import {
  distributedEnv,
  graphql,
  startRole,
  stopRole,
  waitFor,
  waitReady,
} from '../../support/distributed.util';
import type { PlatformProcess } from '../../support/distributed.util';

// The audit log on the distributed profile: two core replicas, one consumer of data changes at a
// time (a Redis lock), every change recorded exactly once; when a replica is killed the other
// one goes on from the committed position (after the lock lapses, at most 30 s).

type Log = { event_scope: string; context_data: { entity_id: string; entity_name: string } };

const CREATES = `query($filters: FilterGroup) {
  audits(first: 500, filters: $filters) {
    edges { node { event_scope context_data { entity_id entity_name } } }
  }
}`;

describe('distributed profile: the audit log with two core replicas', () => {
  const run = `tlaud${Date.now().toString(36)}`;
  const env = distributedEnv(run);
  const base = loopbackPortBase();
  const processes: PlatformProcess[] = [];

  beforeAll(() => assertBuilt());

  afterAll(async () => {
    await Promise.all(processes.map(stopRole));
    await dropRunData(run);
  });

  const createMalware = async (port: number, name: string) =>
    (
      await graphql<{ malwareAdd: { id: string } }>(
        port,
        'mutation($name: String!) { malwareAdd(input: { name: $name }) { id } }',
        { name },
      )
    ).malwareAdd.id;

  const creates = async (port: number): Promise<Log[]> =>
    (
      await graphql<{ audits: { edges: { node: Log }[] } }>(port, CREATES, {
        filters: {
          mode: 'and',
          filters: [
            { key: ['event_scope'], values: ['create'] },
            { key: ['context_data.entity_type'], values: ['Malware'] },
          ],
          filterGroups: [],
        },
      })
    ).audits.edges.map((e) => e.node);

  const settled = (port: number, count: number, ms: number) =>
    waitFor(
      `${count} create entries`,
      async () => {
        const found = await creates(port);
        return found.length >= count ? found : undefined;
      },
      ms,
    );

  it('records each change once whichever replica made it, and survives a killed replica', async () => {
    const coreA = startRole('core', base, env);
    const coreB = startRole('core', base + 1, env);
    processes.push(coreA, coreB);
    await Promise.all([coreA, coreB].map((p) => waitReady(p)));

    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(await createMalware(i % 2 === 0 ? coreA.port : coreB.port, `audited ${i}`));
    }
    const first = await settled(coreB.port, 10, 60_000);
    // A moment later, still once each: the other replica did not consume them too.
    await new Promise((r) => setTimeout(r, 3000));
    const again = await creates(coreA.port);
    expect(again).toHaveLength(10);
    expect(new Set(first.map((e) => e.context_data.entity_id))).toEqual(new Set(ids));

    coreA.child.kill('SIGKILL');
    for (let i = 10; i < 15; i++) ids.push(await createMalware(coreB.port, `audited ${i}`));
    const all = await settled(coreB.port, 15, 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    const final = await creates(coreB.port);
    expect(final).toHaveLength(15);
    expect(new Set(all.map((e) => e.context_data.entity_id))).toEqual(new Set(ids));
  }, 240_000);
});
