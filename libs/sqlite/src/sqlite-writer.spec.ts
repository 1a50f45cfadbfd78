import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from './sqlite-database';
import type { ProgramBuilder, WriteProgram } from './sqlite-write-program';

const SQL = [
  'INSERT INTO items (name, version) VALUES (?, ?)',
  'INSERT INTO tags (tag, item) VALUES (?, ?)',
  'UPDATE items SET version = ? WHERE name = ? AND version = ?',
  'SELECT id AS seq FROM items WHERE name = ?',
];

type TagInput = { name: string; tags: string[] };

// A builder as the entity store writes them: self-contained, helpers through `lib`.
function tagProgram(input: TagInput, lib: { upper: (text: string) => string }): WriteProgram {
  return {
    sql: [
      'INSERT INTO items (name, version) VALUES (?, ?)',
      'INSERT INTO tags (tag, item) VALUES (?, ?)',
    ],
    steps: [
      { kind: 'insert', sql: 0, params: [input.name, 1], conflict: `${input.name}@0` },
      {
        kind: 'each',
        sql: 1,
        values: input.tags.map((t) => lib.upper(t)),
        arity: 1,
        withRow: true,
      },
    ],
  };
}

const TAGS: ProgramBuilder<TagInput, { upper: (text: string) => string }> = {
  entry: tagProgram,
  functions: [],
  lib: { upper: (text: string) => text.toUpperCase() },
};

describe.each([false, true])('SqliteDatabase writer (thread: %s)', (writerThread) => {
  let dir: string;
  let sut: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-writer-'));
    sut = new SqliteDatabase({ path: join(dir, 'test.db'), writerThread });
    sut.db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT UNIQUE, version INTEGER);
      CREATE TABLE tags (tag TEXT, item INTEGER)`);
  });

  afterEach(() => {
    sut.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tagsOf = (name: string) =>
    sut.db
      .prepare(
        'SELECT tag FROM tags JOIN items ON items.id = tags.item WHERE name = ? ORDER BY tag',
      )
      .pluck()
      .all(name);

  it('tells how long its thread has been busy, when it has one', async () => {
    const before = sut.writer.activeMs();
    await sut.writer.run({
      sql: SQL,
      steps: [{ kind: 'insert', sql: 0, params: ['busy', 1], conflict: 'busy@0' }],
    });
    const after = sut.writer.activeMs();
    if (writerThread) {
      expect(after).toBeGreaterThan(before ?? Infinity);
    } else {
      expect([before, after]).toEqual([undefined, undefined]);
    }
  });

  it('commits a program with the row id of its insert passed to later steps', async () => {
    const outcome = await sut.writer.run({
      sql: SQL,
      steps: [
        { kind: 'insert', sql: 0, params: ['emotet', 1], conflict: 'emotet@0' },
        { kind: 'each', sql: 1, values: ['loader', 'banking'], arity: 1, withRow: true },
      ],
    });
    expect(outcome).toEqual({ ok: true });
    expect(tagsOf('emotet')).toEqual(['banking', 'loader']);
  });

  it('rolls the whole program back on a conflict and names it', async () => {
    await sut.writer.run({
      sql: SQL,
      steps: [{ kind: 'insert', sql: 0, params: ['emotet', 1], conflict: 'emotet@0' }],
    });
    const outcome = await sut.writer.run({
      sql: SQL,
      steps: [
        { kind: 'insert', sql: 0, params: ['qakbot', 1], conflict: 'qakbot@0' },
        { kind: 'run', sql: 2, params: [3, 'emotet', 2], conflict: 'emotet@2' },
      ],
    });
    expect(outcome).toEqual({ ok: false, conflict: 'emotet@2' });
    expect(sut.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
  });

  it('reports a failing statement with its code and keeps writing afterwards', async () => {
    const bad = await sut.writer.run({
      sql: ['INSERT INTO missing_table (x) VALUES (?)'],
      steps: [{ kind: 'run', sql: 0, params: [1] }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'SQLITE_ERROR' } });
    expect(bad.ok === false && 'error' in bad && bad.error.message).toMatch(/missing_table/);
    const good = await sut.writer.run({
      sql: SQL,
      steps: [{ kind: 'insert', sql: 0, params: ['emotet', 1], conflict: 'emotet@0' }],
    });
    expect(good).toEqual({ ok: true });
  });

  it('builds programs from inputs with a defined builder', async () => {
    sut.writer.define('tags', TAGS);
    const outcome = await sut.writer.run({
      builder: 'tags',
      input: { name: 'emotet', tags: ['loader'] },
    });
    expect(outcome).toEqual({ ok: true });
    expect(tagsOf('emotet')).toEqual(['LOADER']);
  });

  it('reports a builder that throws or is unknown, without writing', async () => {
    sut.writer.define('tags', TAGS);
    const thrown = await sut.writer.run({ builder: 'tags', input: { name: 'emotet' } });
    expect(thrown).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/failed/) },
    });
    const unknown = await sut.writer.run({ builder: 'nothing', input: {} });
    expect(unknown.ok).toBe(false);
    expect(sut.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
  });

  it('commits programs in the order they were sent', async () => {
    const sends = Array.from({ length: 20 }, (_, i) =>
      sut.writer.run({
        sql: SQL,
        steps:
          i === 0
            ? [{ kind: 'insert', sql: 0, params: ['counter', 0], conflict: 'counter@0' }]
            : [{ kind: 'run', sql: 2, params: [i, 'counter', i - 1], conflict: `counter@${i}` }],
      }),
    );
    const outcomes = await Promise.all(sends);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(sut.db.prepare("SELECT version FROM items WHERE name = 'counter'").pluck().get()).toBe(
      19,
    );
  });

  it('runs a program queued after another only if that one committed', async () => {
    const insert = (name: string): WriteProgram => ({
      sql: SQL,
      steps: [{ kind: 'insert', sql: 0, params: [name, 1], conflict: `${name}@0` }],
    });
    const first = sut.writer.run(insert('emotet'));
    const kept = sut.writer.run(insert('qakbot'), first);
    const lost = sut.writer.run(insert('emotet'));
    const [skipped, alsoSkipped] = [
      sut.writer.run(insert('icedid'), lost),
      sut.writer.run(insert('trickbot'), lost),
    ];
    const behindSkipped = sut.writer.run(insert('ursnif'), skipped);
    const unrelated = sut.writer.run(insert('lokibot'));
    const outcomes = await Promise.all([
      first,
      kept,
      lost,
      skipped,
      alsoSkipped,
      behindSkipped,
      unrelated,
    ]);
    expect(outcomes).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, conflict: 'emotet@0' },
      { ok: false, skipped: true },
      { ok: false, skipped: true },
      { ok: false, skipped: true },
      { ok: true },
    ]);
    const names = sut.db.prepare('SELECT name FROM items ORDER BY name').pluck().all();
    expect(names).toEqual(['emotet', 'lokibot', 'qakbot']);
  });
});
