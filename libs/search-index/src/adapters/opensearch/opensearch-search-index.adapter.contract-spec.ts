import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELEMENT_COMPONENT, OpenSearchEntityStore } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import {
  connectTestSearchEngine,
  deleteIndices,
  emptyIndices,
  readAlias,
  uniqueIndexPrefix,
} from '@lib/opensearch';
import type { TestSearchEngine } from '@lib/opensearch';
import { SqliteDatabase } from '@lib/sqlite';
import { describeSearchIndexContract } from '../../testing/search-index.contract';
import { OpenSearchSearchIndex } from './opensearch-search-index.adapter';

// One index layout per run, emptied between tests and deleted at the end.
const prefix = uniqueIndexPrefix('search');
let shared: TestSearchEngine | undefined;

afterAll(async () => {
  if (shared) {
    await deleteIndices(shared.engine, prefix);
    await shared.engine.close();
  }
});

describeSearchIndexContract('opensearch', async () => {
  shared ??= await connectTestSearchEngine();
  const { engine } = shared;
  const dir = mkdtempSync(join(tmpdir(), 'tl-os-search-'));
  const database = new SqliteDatabase({ path: join(dir, 'events.db') });
  const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000 });
  return {
    store: await OpenSearchEntityStore.open({ engine, events, prefix }),
    sut: await OpenSearchSearchIndex.open({ engine, prefix }),
    cleanup: async () => {
      await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
      events.onModuleDestroy();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
