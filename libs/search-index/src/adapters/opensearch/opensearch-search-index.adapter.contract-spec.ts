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
import { SqliteDatabase } from '@lib/sqlite';
import { describeSearchIndexContract } from '../../testing/search-index.contract';
import { OpenSearchSearchIndex } from './opensearch-search-index.adapter';

// The first test creates the index layout (template, six indices): seconds on a busy machine.
jest.setTimeout(60_000);

// Per engine, one index layout per run, emptied between tests and deleted at the end.
for (const kind of TEST_SEARCH_ENGINES) {
  const prefix = uniqueIndexPrefix(`search-${kind}`);
  let shared: TestSearchEngine | undefined;

  afterAll(async () => {
    if (shared) {
      await deleteIndices(shared.engine, prefix);
      await shared.engine.close();
    }
  });

  describeSearchIndexContract(kind, async () => {
    shared ??= await connectTestSearchEngine(kind);
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
}
