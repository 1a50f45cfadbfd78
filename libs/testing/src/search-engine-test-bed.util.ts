import { MemoryCache } from '@lib/cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ELEMENT_COMPONENT, OpenSearchEntityStore } from '@lib/entity-store';
import type { OpenSearchEntityStoreOptions } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import type { EventStream } from '@lib/event-stream';
import {
  TEST_SEARCH_ENGINES,
  connectTestSearchEngine,
  deleteIndices,
  emptyIndices,
  readAlias,
  uniqueIndexPrefix,
} from '@lib/opensearch';
import type { SearchEngine, SearchEngineKind, TestSearchEngine } from '@lib/opensearch';
import { SqliteDatabase } from '@lib/sqlite';

/**
 * What one test gets on a search engine: the engine and index prefix of its file, a real event
 * stream (SQLite, in a temporary folder; the distributed profile wires Redis) and the distributed
 * entity store over both.
 */
export type SearchEngineTestBed = {
  engine: SearchEngine;
  prefix: string;
  events: SqliteEventStream;
  store: OpenSearchEntityStore;
  /** Stops the store, empties the element indices, closes the event stream, removes its folder. */
  close(): Promise<void>;
};

export type SearchEngineTestBedOptions = {
  /** How many events the stream keeps (default 10,000). */
  maxEvents?: number;
  /** What the store appends its events to instead of the stream (to make appends fail, say). */
  storeEvents?: (events: SqliteEventStream) => EventStream;
  outbox?: OpenSearchEntityStoreOptions['outbox'];
  /** The store's commit locks (default: in this process). */
  locks?: OpenSearchEntityStoreOptions['locks'];
};

export type OpenTestBed = (options?: SearchEngineTestBedOptions) => Promise<SearchEngineTestBed>;

/**
 * Declares a file's tests once per test search engine (OpenSearch and Elasticsearch, see
 * `connectTestSearchEngine`), giving `body` the engine's kind and `open`, which sets up a test bed.
 * Per engine, one index layout under a unique prefix: the engine is connected at the first
 * `open`, each bed's `close` empties the element indices, and the indices go after the file.
 */
export function eachTestSearchEngine(
  label: string,
  body: (kind: SearchEngineKind, open: OpenTestBed) => void,
): void {
  for (const kind of TEST_SEARCH_ENGINES) {
    const prefix = uniqueIndexPrefix(`${label}-${kind}`);
    let shared: TestSearchEngine | undefined;

    afterAll(async () => {
      if (shared) {
        await deleteIndices(shared.engine, prefix);
        await shared.engine.close();
      }
    });

    body(kind, async (options = {}) => {
      shared ??= await connectTestSearchEngine(kind);
      return openTestBed(shared.engine, prefix, label, options);
    });
  }
}

async function openTestBed(
  engine: SearchEngine,
  prefix: string,
  label: string,
  options: SearchEngineTestBedOptions,
): Promise<SearchEngineTestBed> {
  const dir = mkdtempSync(join(tmpdir(), `tl-os-${label}-`));
  const database = new SqliteDatabase({ path: join(dir, 'events.db') });
  const events = new SqliteEventStream(database, {
    driver: 'sqlite',
    maxEvents: options.maxEvents ?? 10_000,
  });
  const release = () => {
    events.onModuleDestroy();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  let store: OpenSearchEntityStore;
  try {
    store = await OpenSearchEntityStore.open({
      engine,
      events: options.storeEvents?.(events) ?? events,
      prefix,
      locks: options.locks ?? new MemoryCache({ maxEntries: 1000 }),
      outbox: options.outbox,
    });
  } catch (error) {
    release();
    throw error;
  }
  return {
    engine,
    prefix,
    events,
    store,
    close: async () => {
      try {
        await store.onModuleDestroy();
        await emptyIndices(engine, readAlias({ prefix, component: ELEMENT_COMPONENT }));
      } finally {
        release();
      }
    },
  };
}
