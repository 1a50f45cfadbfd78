import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase, SqliteEventLog } from '@lib/sqlite';
import { describeEntityStoreContract } from '../testing/entity-store.contract';
import { SqliteEntityStore } from './sqlite-entity-store.adapter';

// Writes run inline on the store's connection, or on the writer thread as the platform runs them.
for (const writerThread of [false, true]) {
  describeEntityStoreContract(writerThread ? 'sqlite (writer thread)' : 'sqlite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-store-'));
    const database = new SqliteDatabase({ path: join(dir, 'test.db'), writerThread });
    const sut = new SqliteEntityStore(database, { maxEvents: 10_000 });
    const log = SqliteEventLog.for(database, { maxEvents: 10_000 });
    return Promise.resolve({
      sut,
      readEvents: () => Promise.resolve(log.read({ limit: 10_000 })),
      cleanup: () => {
        database.close();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  });
}
