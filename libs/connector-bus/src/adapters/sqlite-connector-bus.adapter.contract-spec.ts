import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from '@lib/sqlite';
import { describeConnectorBusContract } from '../testing/connector-bus.contract';
import { SqliteConnectorBus } from './sqlite-connector-bus.adapter';

const fast = { pollIntervalMs: 20, requeueDelayMs: 10 };

describeConnectorBusContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-connector-bus-'));
  const open: { database: SqliteDatabase; bus: SqliteConnectorBus }[] = [];
  const instance = (): SqliteConnectorBus => {
    const database = new SqliteDatabase({ path: join(dir, 'bus.db') });
    const bus = new SqliteConnectorBus(database, { driver: 'sqlite' }, fast);
    open.push({ database, bus });
    return bus;
  };
  return Promise.resolve({
    sut: instance(),
    reopen: () => Promise.resolve(instance()),
    cleanup: async () => {
      for (const { database, bus } of open) {
        await bus.close();
        database.close();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('SqliteConnectorBus beside another writer of its file', () => {
  it('publishes while another connection keeps committing (no SQLITE_BUSY on a lock upgrade)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-connector-bus-busy-'));
    const path = join(dir, 'bus.db');
    const database = new SqliteDatabase({ path });
    const bus = new SqliteConnectorBus(database, { driver: 'sqlite' }, fast);
    // Another thread with its own connection, committing small writes as fast as it can (as the
    // ingestion writer thread does).
    const writer = new Worker(
      `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const { workerData } = require('node:worker_threads');
       const db = new Database(workerData.path);
       db.pragma('busy_timeout = 5000');
       db.exec('CREATE TABLE IF NOT EXISTS other (n INTEGER)');
       const insert = db.prepare('INSERT INTO other (n) VALUES (?)');
       const end = Date.now() + workerData.ms;
       for (let n = 0; Date.now() < end; n += 1) insert.run(n);
       db.close();`,
      { eval: true, workerData: { path, ms: 1500 } },
    );
    const done = new Promise((resolve, reject) => {
      writer.once('exit', resolve);
      writer.once('error', reject);
    });
    try {
      const { push } = await bus.declareConnector('busy');
      const failures: unknown[] = [];
      const deadline = Date.now() + 1200;
      let published = 0;
      while (Date.now() < deadline) {
        await bus
          .publish(push, [{ body: `m${published}` }])
          .catch((e: unknown) => failures.push(e));
        published += 1;
      }
      expect(failures).toEqual([]);
      expect(published).toBeGreaterThan(10);
    } finally {
      await done;
      await bus.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
