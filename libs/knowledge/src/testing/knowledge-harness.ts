import { rmSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import type { TestingModule } from '@nestjs/testing';
import { BlobStore, BlobStoreModule } from '@lib/blob-store';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionWorkerModule } from '@lib/ingestion';
import { ConnectorBusModule } from '@lib/connector-bus';
import { JobQueueModule } from '@lib/job-queue';
import type { StreamEvent } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { SqliteDatabase, SqliteEventLog } from '@lib/sqlite';
import { embeddedTestModules } from '@lib/testing';
import { KnowledgeModule } from '../knowledge.module';

/** The knowledge module over real embedded adapters on a temporary data directory. */
export class KnowledgeHarness {
  readonly system = systemContext('test');

  private constructor(
    readonly dir: string,
    readonly module: TestingModule,
    private readonly maxEvents: number,
  ) {}

  /** `worker`: also run the ingestion queue's consumer (bundle pushes are imported). */
  static async start(options: { worker?: boolean } = {}): Promise<KnowledgeHarness> {
    const { dir, config, imports } = embeddedTestModules('knowledge');
    const module = await Test.createTestingModule({
      imports: [
        ...imports,
        BlobStoreModule.forRoot(config.blob),
        JobQueueModule.forRoot(config.queue),
        ConnectorBusModule.forRoot(config.bus),
        KnowledgeModule,
        ...(options.worker ? [IngestionWorkerModule] : []),
      ],
    }).compile();
    await module.init();
    return new KnowledgeHarness(dir, module, config.events.maxEvents);
  }

  get<T>(type: abstract new (...args: never[]) => T): T {
    return this.module.get(type);
  }

  get store(): EntityStore {
    return this.module.get(EntityStore);
  }

  /** The element with this id as the system sees it (fails unless exactly one). */
  async one(id: string): Promise<StoredElement> {
    const found = (await this.store.resolve(this.system, [id])).get(id) ?? [];
    if (found.length !== 1) {
      throw new Error(`expected one element for ${id}, found ${found.length}`);
    }
    return found[0] as StoredElement;
  }

  async blobKeys(prefix: string): Promise<string[]> {
    return (await this.module.get(BlobStore).list(prefix)).map((b) => b.key);
  }

  async exists(id: string): Promise<boolean> {
    return ((await this.store.resolve(this.system, [id])).get(id) ?? []).length > 0;
  }

  /** Knowledge events (works are internal and left out). */
  events(): StreamEvent[] {
    const log = SqliteEventLog.for(this.module.get(SqliteDatabase), { maxEvents: this.maxEvents });
    return log.read({ limit: 1_000_000 }).filter((e) => e.scope === 'external');
  }

  async close(): Promise<void> {
    await this.module.close();
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
