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
