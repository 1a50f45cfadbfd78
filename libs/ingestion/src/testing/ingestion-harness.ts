import { MemoryCache } from '@lib/cache';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestionConfig } from '@lib/config';
import { processEnv } from '@lib/config';
import { EntityStore, OpenSearchEntityStore, SqliteEntityStore } from '@lib/entity-store';
import type { ElementHead, RelationProbe, StoredElement, WriteBatch } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import type { StreamEvent } from '@lib/kernel';
import { connectTestSearchEngine, deleteIndices, uniqueIndexPrefix } from '@lib/opensearch';
import type { SearchEngineKind, TestSearchEngine } from '@lib/opensearch';
import { systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SqliteDatabase, SqliteEventLog } from '@lib/sqlite';
import { WorkService } from '@lib/works';
import { IngestionService } from '../services/ingestion.service';
import type { IngestionReport } from '../ingestion.types';

export const TEST_INGESTION_CONFIG: IngestionConfig = {
  batchSize: 50,
  missingRefRetries: 2,
  relationDedupDays: 30,
  leaseSeconds: 1800,
  concurrency: 1,
};

/** Where the harness stores elements: the embedded SQLite file, or a search engine. */
export type HarnessStore = 'sqlite' | SearchEngineKind;

/** THREATLOOM_TEST_INGESTION_STORE picks the store of every harness (default sqlite). */
function defaultStore(): HarnessStore {
  const wanted = processEnv().THREATLOOM_TEST_INGESTION_STORE ?? 'sqlite';
  if (wanted === 'sqlite' || wanted === 'opensearch' || wanted === 'elasticsearch') {
    return wanted;
  }
  throw new Error(`THREATLOOM_TEST_INGESTION_STORE must be sqlite, opensearch or elasticsearch`);
}

/**
 * A search-engine store opened in the background: the harness is built synchronously, every call
 * waits for the connection and the index setup.
 */
class PendingEntityStore extends EntityStore {
  constructor(private readonly ready: Promise<EntityStore>) {
    super();
  }
  resolve(ctx: AccessContext, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    return this.ready.then((store) => store.resolve(ctx, keys));
  }
  override resolveHeads(
    ctx: AccessContext,
    keys: readonly string[],
  ): Promise<Map<string, ElementHead[]>> {
    return this.ready.then((store) => store.resolveHeads(ctx, keys));
  }
  findRelations(ctx: AccessContext, probes: readonly RelationProbe[]): Promise<StoredElement[]> {
    return this.ready.then((store) => store.findRelations(ctx, probes));
  }
  get(ctx: AccessContext, internalId: string): Promise<StoredElement | undefined> {
    return this.ready.then((store) => store.get(ctx, internalId));
  }
  getMany(ctx: AccessContext, ids: readonly string[]): Promise<Map<string, StoredElement>> {
    return this.ready.then((store) => store.getMany(ctx, ids));
  }
  commit(batch: WriteBatch): ReturnType<EntityStore['commit']> {
    return this.ready.then((store) => store.commit(batch));
  }
  countByType(ctx: AccessContext): Promise<Record<string, number>> {
    return this.ready.then((store) => store.countByType(ctx));
  }
}

/** The ingestion pipeline over real adapters on a temporary database (and indices). */
export class IngestionHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'tl-ingest-'));
  // The writer thread as the platform runs it, so that batches overlap their commits.
  readonly database = new SqliteDatabase({ path: join(this.dir, 'test.db'), writerThread: true });
  readonly store: EntityStore;
  readonly sut: IngestionService;
  readonly system = systemContext('test');
  private readonly log = SqliteEventLog.for(this.database, { maxEvents: 1_000_000 });
  private readonly stream?: SqliteEventStream;
  private readonly engine?: Promise<TestSearchEngine>;
  private readonly prefix = uniqueIndexPrefix('ingest');

  constructor(
    private readonly config: IngestionConfig = TEST_INGESTION_CONFIG,
    storeKind: HarnessStore = defaultStore(),
  ) {
    if (storeKind === 'sqlite') {
      this.store = new SqliteEntityStore(this.database, { maxEvents: 1_000_000 });
    } else {
      // Events go to the embedded stream on the same database, which `events()` reads.
      const events = new SqliteEventStream(this.database, {
        driver: 'sqlite',
        maxEvents: 1_000_000,
      });
      this.stream = events;
      this.engine = connectTestSearchEngine(storeKind);
      this.store = new PendingEntityStore(
        this.engine.then(({ engine }) =>
          OpenSearchEntityStore.open({
            engine,
            events,
            prefix: this.prefix,
            locks: new MemoryCache({ maxEntries: 1000 }),
          }),
        ),
      );
    }
    this.sut = new IngestionService(this.store, new WorkService(this.store), config);
  }

  /**
   * Imports a bundle as one work. `apart`: through a service of its own, as another process would
   * (the runs of one service take turns at the store; those of different ones do not).
   */
  import(
    objects: unknown[],
    ctx: AccessContext = this.system,
    { apart, ...options }: { synchronized?: boolean; apart?: boolean } = {},
  ): Promise<IngestionReport> {
    const service = apart
      ? new IngestionService(this.store, new WorkService(this.store), this.config)
      : this.sut;
    return service.importBundle(
      { type: 'bundle', id: 'bundle--6f0c3f4e-8b8a-4f59-9d8e-2c53c0f2d8a1', objects },
      { ctx, connectorId: 'test', workName: 'test import', ...options },
    );
  }

  async one(id: string): Promise<StoredElement> {
    const found = (await this.store.resolve(this.system, [id])).get(id) ?? [];
    if (found.length !== 1) {
      throw new Error(`expected one element for ${id}, found ${found.length}`);
    }
    return found[0] as StoredElement;
  }

  events(): StreamEvent[] {
    return this.log.read({ limit: 1_000_000 });
  }

  async countByType(): Promise<Record<string, number>> {
    return this.store.countByType(this.system);
  }

  async close(): Promise<void> {
    if (this.engine) {
      const { engine } = await this.engine;
      await deleteIndices(engine, this.prefix);
      await engine.close();
    }
    this.stream?.onModuleDestroy();
    this.database.close();
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
