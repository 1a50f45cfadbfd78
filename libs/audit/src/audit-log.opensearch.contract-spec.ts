import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELEMENT_COMPONENT, OpenSearchEntityStore } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import {
  TEST_SEARCH_ENGINES,
  connectTestSearchEngine,
  deleteIndices,
  emptyIndices,
  readAlias,
  uniqueIndexPrefix,
} from '@lib/opensearch';
import type { TestSearchEngine } from '@lib/opensearch';
import { OpenSearchSearchIndex } from '@lib/search-index';
import { SqliteDatabase } from '@lib/sqlite';
import { describeAuditLogContract } from './testing/audit-log.contract';

// The distributed profile's element indices (the event stream's adapter does not matter to the
// audit log: a SQLite one stands in). The first test creates the index layout: seconds.
jest.setTimeout(60_000);

for (const kind of TEST_SEARCH_ENGINES) {
  const prefix = uniqueIndexPrefix(`audit-${kind}`);
  let shared: TestSearchEngine | undefined;

  afterAll(async () => {
    if (shared) {
      await deleteIndices(shared.engine, prefix);
      await shared.engine.close();
    }
  });

  describeAuditLogContract(kind, async () => {
    shared ??= await connectTestSearchEngine(kind);
    const { engine } = shared;
    const dir = mkdtempSync(join(tmpdir(), 'tl-os-audit-'));
    const database = new SqliteDatabase({ path: join(dir, 'events.db') });
    const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000 });
    const store = await OpenSearchEntityStore.open({ engine, events, prefix });
    return {
      store,
      index: await OpenSearchSearchIndex.open({ engine, prefix }),
      events,
      cleanup: async () => {
        await store.onModuleDestroy();
        await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
        events.onModuleDestroy();
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}
