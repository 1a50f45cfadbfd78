import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEntityStore } from '@lib/entity-store';
import { SqliteDatabase } from '@lib/sqlite';
import { describeSearchIndexContract } from '../testing/search-index.contract';
import { SqliteSearchIndex } from './sqlite-search-index.adapter';

describeSearchIndexContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-search-'));
  const database = new SqliteDatabase({ path: join(dir, 'test.db') });
  return Promise.resolve({
    store: new SqliteEntityStore(database, { maxEvents: 10_000 }),
    sut: new SqliteSearchIndex(database),
    cleanup: () => {
      database.close();
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});
