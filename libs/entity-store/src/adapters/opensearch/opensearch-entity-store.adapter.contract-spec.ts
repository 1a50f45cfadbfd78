import type { StreamEventDraft } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { randomUUID } from 'node:crypto';
import { openRedisCache } from '@lib/cache';
import { eachTestSearchEngine, requireTestService } from '@lib/testing';
import { VersionConflictError } from '../../errors/entity-store.error';
import { OpenSearchEntityStore } from './opensearch-entity-store.adapter';
import { describeEntityStoreContract } from '../../testing/entity-store.contract';
import { buildElement } from '../../testing/element.factory';

// The first test creates the index layout (template, six indices): seconds on a busy machine.
jest.setTimeout(60_000);

// Per engine, one index layout per run (set up once, emptied between tests, deleted at the end);
// events go to a real EventStream (the embedded one here; the distributed profile wires Redis).
eachTestSearchEngine('store', (kind, open) => {
  describeEntityStoreContract(kind, async () => {
    const bed = await open();
    return {
      sut: bed.store,
      readEvents: () => bed.events.read({ limit: 10_000 }),
      cleanup: () => bed.close(),
    };
  });

  it(`${kind}: a look-up matching more than a page returns every element`, async () => {
    const bed = await open({ maxEvents: 10 });
    try {
      const sut = bed.store;
      const aliasId = 'intrusion-set--22222222-2222-5222-8222-222222222222';
      const elements = Array.from({ length: 5_100 }, () => buildElement({ aliasIds: [aliasId] }));
      await sut.commit({
        upserts: elements.map((element) => ({ element, expectedVersion: 0 })),
        deletes: [],
        events: [],
      });
      const found = await sut.resolve(systemContext('contract'), [aliasId]);
      expect(new Set(found.get(aliasId)?.map((e) => e.internalId)).size).toBe(5_100);
    } finally {
      await bed.close();
    }
  });

  it(`${kind}: two replicas creating the same elements together store each once`, async () => {
    // Two stores over the same indices, each with its own connection to the same Redis: as two
    // workers would, each creates its own element for every identity at the same time.
    const url = await requireTestService('redis');
    const redis = { url, prefix: `threatloom-test:${randomUUID()}:`, maxEntries: 10 };
    const [locksA, locksB] = [await openRedisCache(redis), await openRedisCache(redis)];
    const bed = await open();
    const twin = await OpenSearchEntityStore.open({
      engine: bed.engine,
      events: bed.events,
      prefix: bed.prefix,
      locks: locksB,
    });
    const store = await OpenSearchEntityStore.open({
      engine: bed.engine,
      events: bed.events,
      prefix: bed.prefix,
      locks: locksA,
    });
    try {
      const identities = Array.from({ length: 12 }, () => `malware--${randomUUID()}`);
      const create = (sut: OpenSearchEntityStore, standardId: string) =>
        sut
          .commit({
            upserts: [
              // A bystander of each batch, and the contended identity.
              { element: buildElement(), expectedVersion: 0 },
              { element: buildElement({ standardId }), expectedVersion: 0 },
            ],
            deletes: [],
            events: [],
          })
          .then(
            () => 'stored',
            (error: unknown) => (error instanceof VersionConflictError ? 'refused' : error),
          );
      const outcomes = await Promise.all(
        identities.flatMap((id) => [create(store, id), create(twin, id)]),
      );
      for (let i = 0; i < identities.length; i++) {
        expect([outcomes[2 * i], outcomes[2 * i + 1]].sort()).toEqual(['refused', 'stored']);
      }
      const found = await store.resolve(systemContext('contract'), identities);
      expect(identities.map((id) => found.get(id)?.length)).toEqual(identities.map(() => 1));
    } finally {
      await twin.onModuleDestroy();
      await store.onModuleDestroy();
      await bed.close();
      await Promise.all([locksA.close(), locksB.close()]);
    }
  });

  it(`${kind}: the events of a commit interrupted after its bulk are relayed, once`, async () => {
    // The stream is down for the commit (as if its writer had died before appending).
    let streamDown = true;
    const bed = await open({
      maxEvents: 100,
      storeEvents: (events) => {
        const flaky = Object.create(events) as typeof events;
        flaky.append = (drafts) =>
          streamDown ? Promise.reject(new Error('stream down')) : events.append(drafts);
        return flaky;
      },
      outbox: { graceMs: 0, intervalMs: 3_600_000 },
    });
    const { store: sut, events } = bed;
    try {
      const element = buildElement();
      const draft: StreamEventDraft = {
        type: 'create',
        scope: 'external',
        elementId: element.internalId,
        entityType: element.entityType,
        origin: { test: 'outbox' },
        message: 'creates',
        data: { id: element.standardId },
      };
      await expect(
        sut.commit({ upserts: [{ element, expectedVersion: 0 }], deletes: [], events: [draft] }),
      ).rejects.toThrow();
      const ctx = systemContext('contract');
      expect((await sut.get(ctx, element.internalId))?.internalId).toBe(element.internalId);
      expect(await events.read({ limit: 10 })).toEqual([]);

      streamDown = false;
      expect(await sut.relayOutbox()).toBe(1);
      expect((await events.read({ limit: 10 })).map((e) => [e.type, e.elementId])).toEqual([
        ['create', element.internalId],
      ]);
      expect(await sut.relayOutbox()).toBe(0);

      // A commit that goes through leaves nothing to relay.
      const other = buildElement();
      await sut.commit({
        upserts: [{ element: other, expectedVersion: 0 }],
        deletes: [],
        events: [{ ...draft, elementId: other.internalId }],
      });
      expect(await sut.relayOutbox()).toBe(0);
      expect(await events.read({ limit: 10 })).toHaveLength(2);
    } finally {
      await bed.close();
    }
  });
});
