import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestionConfig } from '@lib/config';
import { SqliteEntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { StreamEvent } from '@lib/kernel';
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
};

/** The ingestion pipeline over real embedded adapters on a temporary database. */
export class IngestionHarness {
  readonly dir = mkdtempSync(join(tmpdir(), 'tl-ingest-'));
  // The writer thread as the platform runs it, so that batches overlap their commits.
  readonly database = new SqliteDatabase({ path: join(this.dir, 'test.db'), writerThread: true });
  readonly store = new SqliteEntityStore(this.database, { maxEvents: 1_000_000 });
  readonly sut: IngestionService;
  readonly system = systemContext('test');
  private readonly log = SqliteEventLog.for(this.database, { maxEvents: 1_000_000 });

  constructor(config: IngestionConfig = TEST_INGESTION_CONFIG) {
    this.sut = new IngestionService(this.store, new WorkService(this.store), config);
  }

  import(objects: unknown[], ctx: AccessContext = this.system): Promise<IngestionReport> {
    return this.sut.importBundle(
      { type: 'bundle', id: 'bundle--6f0c3f4e-8b8a-4f59-9d8e-2c53c0f2d8a1', objects },
      { ctx, connectorId: 'test', workName: 'test import' },
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

  close(): void {
    this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
