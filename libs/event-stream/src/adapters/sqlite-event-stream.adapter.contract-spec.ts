import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from '@lib/sqlite';
import { describeEventStreamContract } from '../testing/event-stream.contract';
import { SqliteEventStream } from './sqlite-event-stream.adapter';

const maxEvents = 60;

describeEventStreamContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-event-stream-'));
  const open: { database: SqliteDatabase; stream: SqliteEventStream }[] = [];
  const instance = (): SqliteEventStream => {
    const database = new SqliteDatabase({ path: join(dir, 'events.db') });
    const stream = new SqliteEventStream(
      database,
      { driver: 'sqlite', maxEvents },
      { pollIntervalMs: 50, pageSize: 7 },
    );
    open.push({ database, stream });
    return stream;
  };
  return Promise.resolve({
    sut: instance(),
    maxEvents,
    reopen: () => Promise.resolve(instance()),
    cleanup: () => {
      for (const { database, stream } of open) {
        stream.onModuleDestroy();
        database.close();
      }
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
