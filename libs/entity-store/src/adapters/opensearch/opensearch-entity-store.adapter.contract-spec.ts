import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStream } from '@lib/event-stream';
import type { StreamEventDraft } from '@lib/kernel';
import {
  TEST_SEARCH_ENGINES,
  connectTestSearchEngine,
  deleteIndices,
  emptyIndices,
  readAlias,
  uniqueIndexPrefix,
} from '@lib/opensearch';
import type { TestSearchEngine } from '@lib/opensearch';
import { SqliteDatabase } from '@lib/sqlite';
import { systemContext } from '@lib/rbac';
import { describeEntityStoreContract } from '../../testing/entity-store.contract';
import { buildElement } from '../../testing/element.factory';
import { ELEMENT_COMPONENT } from './opensearch-element.mappings';
import { OpenSearchEntityStore } from './opensearch-entity-store.adapter';

// The first test creates the index layout (template, six indices): seconds on a busy machine.
jest.setTimeout(60_000);

// Per engine, one index layout per run (set up once, emptied between tests, deleted at the end);
// events go to a real EventStream (the embedded one here; the distributed profile wires Redis).
for (const kind of TEST_SEARCH_ENGINES) {
  const prefix = uniqueIndexPrefix(`store-${kind}`);
  let shared: TestSearchEngine | undefined;

  afterAll(async () => {
    if (shared) {
      await deleteIndices(shared.engine, prefix);
      await shared.engine.close();
    }
  });

  describeEntityStoreContract(kind, async () => {
    shared ??= await connectTestSearchEngine(kind);
    const { engine } = shared;
    const dir = mkdtempSync(join(tmpdir(), 'tl-os-store-'));
    const database = new SqliteDatabase({ path: join(dir, 'events.db') });
    const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000 });
    const sut = await OpenSearchEntityStore.open({ engine, events, prefix });
    return {
      sut,
      readEvents: () => events.read({ limit: 10_000 }),
      cleanup: async () => {
        await sut.onModuleDestroy();
        await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
        events.onModuleDestroy();
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  it(`${kind}: a look-up matching more than a page returns every element`, async () => {
    shared ??= await connectTestSearchEngine(kind);
    const { engine } = shared;
    const dir = mkdtempSync(join(tmpdir(), 'tl-os-store-'));
    const database = new SqliteDatabase({ path: join(dir, 'events.db') });
    const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10 });
    try {
      const sut = await OpenSearchEntityStore.open({ engine, events, prefix });
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
      await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
      events.onModuleDestroy();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`${kind}: the events of a commit interrupted after its bulk are relayed, once`, async () => {
    shared ??= await connectTestSearchEngine(kind);
    const { engine } = shared;
    const dir = mkdtempSync(join(tmpdir(), 'tl-os-store-'));
    const database = new SqliteDatabase({ path: join(dir, 'events.db') });
    const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 100 });
    // The stream is down for the commit (as if its writer had died before appending).
    let streamDown = true;
    const flaky = Object.create(events) as SqliteEventStream;
    flaky.append = (drafts) =>
      streamDown ? Promise.reject(new Error('stream down')) : events.append(drafts);
    const sut = await OpenSearchEntityStore.open({
      engine,
      events: flaky,
      prefix,
      outbox: { graceMs: 0, intervalMs: 3_600_000 },
    });
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
      await sut.onModuleDestroy();
      await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
      events.onModuleDestroy();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
