import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteDatabase } from './sqlite-database';
import type { SqliteMigration } from './sqlite-migration.types';

const V1: SqliteMigration = {
  version: 1,
  name: 'things',
  sql: 'CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)',
};
const V2: SqliteMigration = {
  version: 2,
  name: 'things colour',
  sql: 'ALTER TABLE things ADD COLUMN colour TEXT',
};

describe(SqliteDatabase.name, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-sqlite-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates an empty database, then only the steps added since (forward-only)', () => {
    const sut = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    sut.migrate('things', [V1]);
    sut.db.prepare("INSERT INTO things (name) VALUES ('kept')").run();
    sut.close();
    const reopened = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    reopened.migrate('things', [V1, V2]);
    reopened.migrate('things', [V1, V2]);
    expect(reopened.db.prepare('SELECT name, colour FROM things').all()).toEqual([
      { name: 'kept', colour: null },
    ]);
    const applied = reopened.db
      .prepare("SELECT version FROM schema_migrations WHERE component = 'things'")
      .pluck()
      .all();
    expect(applied).toEqual([1, 2]);
    reopened.close();
  });

  it('applies a step once when two connections migrate the same file', () => {
    const a = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    const b = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    a.migrate('things', [V1, V2]);
    expect(() => b.migrate('things', [V1, V2])).not.toThrow();
    expect(b.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(2);
    a.close();
    b.close();
  });

  it('refuses numbering gaps, and keeps a failed step from half-applying', () => {
    const sut = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    expect(() => sut.migrate('things', [V1, { ...V2, version: 3 }])).toThrow(
      'must be numbered 1..n',
    );
    const broken: SqliteMigration = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE extra (id INTEGER); CREATE TABLE things (x)',
    };
    sut.migrate('things', [V1]);
    expect(() => sut.migrate('things', [V1, broken])).toThrow();
    expect(
      sut.db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get(),
    ).toBeUndefined();
    sut.close();
  });

  it('checkpoints from a background thread and leaves an empty WAL on close', () => {
    const sut = new SqliteDatabase({ path: join(dir, 'db.sqlite'), backgroundCheckpoint: true });
    sut.migrate('things', [V1]);
    sut.db.transaction(() => {
      for (let i = 0; i < 1000; i++) {
        sut.db.prepare('INSERT INTO things (name) VALUES (?)').run(`n${i}`);
      }
    })();
    expect(sut.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    sut.close();
    const reopened = new SqliteDatabase({ path: join(dir, 'db.sqlite') });
    expect(reopened.db.prepare('SELECT count(*) FROM things').pluck().get()).toBe(1000);
    reopened.close();
  });

  it('starts the WAL over under steady writes once it passes the restart size', async () => {
    const path = join(dir, 'db.sqlite');
    const sut = new SqliteDatabase({ path, backgroundCheckpoint: true, walRestartMb: 1 });
    sut.migrate('things', [V1]);
    const insert = sut.db.prepare('INSERT INTO things (name) VALUES (?)');
    // A reader inside a transaction across every commit, as ingestion's look-ups are: a writer
    // then never finds the WAL free to start over by itself.
    const reader = new SqliteDatabase({ path });
    const text = 'x'.repeat(2000);
    const commit = (rows: number, tag: string) => {
      reader.db.exec('BEGIN');
      reader.db.prepare('SELECT count(*) FROM things').get();
      sut.db.transaction(() => {
        for (let i = 0; i < rows; i++) insert.run(`${tag}-${i}-${text}`);
      })();
      reader.db.exec('COMMIT');
    };
    for (let round = 0; round < 40; round++) {
      commit(100, `${round}`);
      await sleep(40);
    }
    // Started over, then cut back to the restart size (1 MB) at the next commit; without the
    // checkpointer's restart it stays above 2 MB. A loaded machine may delay the checkpointer's
    // ticks: small commits go on (the WAL is cut back at a commit) until it has started over, or 10 s.
    const wal = () => statSync(`${path}-wal`).size;
    const cutBack = 1.5 * 1024 * 1024;
    const deadline = Date.now() + 10_000;
    let extra = 0;
    for (; wal() > cutBack && Date.now() <= deadline; extra++) {
      commit(1, `extra-${extra}`);
      await sleep(40);
    }
    expect(wal()).toBeLessThanOrEqual(cutBack);
    expect(sut.db.prepare('SELECT count(*) FROM things').pluck().get()).toBe(40 * 100 + extra);
    reader.close();
    sut.close();
  });

  it('reads look-ups through a second connection with the writer thread, `db` without', () => {
    const threaded = new SqliteDatabase({ path: join(dir, 'a.sqlite'), writerThread: true });
    threaded.migrate('things', [V1]);
    threaded.db.prepare("INSERT INTO things (name) VALUES ('seen')").run();
    expect(threaded.lookupDb).not.toBe(threaded.db);
    expect(threaded.lookupDb.pragma('mmap_size', { simple: true })).toBe(0);
    expect(threaded.lookupDb.prepare('SELECT name FROM things').pluck().get()).toBe('seen');
    threaded.close();
    const inline = new SqliteDatabase({ path: join(dir, 'b.sqlite') });
    expect(inline.lookupDb).toBe(inline.db);
    inline.close();
  });
});
