import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEntityStore } from '@lib/entity-store';
import { SqliteEventStream } from '@lib/event-stream';
import { SqliteSearchIndex } from '@lib/search-index';
import { SqliteDatabase } from '@lib/sqlite';
import { describeAuditLogContract } from './testing/audit-log.contract';

// The embedded profile: entries, their index and the event stream in one SQLite file.
describeAuditLogContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-audit-'));
  const database = new SqliteDatabase({ path: join(dir, 'test.db') });
  const events = new SqliteEventStream(database, { driver: 'sqlite', maxEvents: 10_000 });
  return Promise.resolve({
    store: new SqliteEntityStore(database, { maxEvents: 10_000 }),
    index: new SqliteSearchIndex(database),
    events,
    cleanup: () => {
      events.onModuleDestroy();
      database.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
