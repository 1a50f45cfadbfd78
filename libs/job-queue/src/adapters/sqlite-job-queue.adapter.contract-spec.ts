import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from '@lib/sqlite';
import { describeJobQueueContract } from '../testing/job-queue.contract';
import { SqliteJobQueue } from './sqlite-job-queue.adapter';

const fast = { pollIntervalMs: 20, backoff: { baseMs: 10, maxMs: 50 } };

describeJobQueueContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-job-queue-'));
  const open: { database: SqliteDatabase; queue: SqliteJobQueue }[] = [];
  const instance = (): SqliteJobQueue => {
    const database = new SqliteDatabase({ path: join(dir, 'queue.db') });
    const queue = new SqliteJobQueue(database, { driver: 'sqlite' }, fast);
    open.push({ database, queue });
    return queue;
  };
  return Promise.resolve({
    sut: instance(),
    reopen: () => Promise.resolve(instance()),
    cleanup: async () => {
      for (const { database, queue } of open) {
        await queue.close();
        database.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  });
});
