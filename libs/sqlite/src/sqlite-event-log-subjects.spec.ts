import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamEventDraft } from '@lib/kernel';
import { SqliteDatabase } from './sqlite-database';
import { SqliteEventLog } from './sqlite-event-log';
import {
  EVENT_LOG_COMPONENT,
  EVENT_LOG_MIGRATIONS,
  READ_ELEMENT_SQL,
} from './sqlite-event-log.constants';
import { encodeEventBody, executeWriteProgram } from './sqlite-write-program';
import type { WriteProgram } from './sqlite-write-program';

// Events filed under a subject (the row id of the element a program writes) make up an element's
// history together with the events written without one.

const UPDATE = {
  type: 'update',
  scope: 'external',
  entityType: 'Malware',
  origin: {},
  message: 'updates',
} as const;

const draft = (elementId: string, name: string): StreamEventDraft => ({
  ...UPDATE,
  elementId,
  data: { id: `malware--${elementId}`, type: 'malware', name },
});

describe('SqliteEventLog subjects', () => {
  let dir: string;
  let database: SqliteDatabase;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-event-subjects-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    database.db.exec('CREATE TABLE things (seq INTEGER PRIMARY KEY, id TEXT NOT NULL)');
  });

  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const openLog = () => {
    const log = SqliteEventLog.for(database, { maxEvents: 100 });
    const seqOf = database.db.prepare('SELECT seq FROM things WHERE id = ?').pluck();
    log.useSubjects((id) => seqOf.get(id) as number | undefined);
    return log;
  };

  /** Writes `id` (insert, or a delete when `remove`) and the events, filed by element id. */
  const write = (log: SqliteEventLog, id: string, drafts: StreamEventDraft[], remove = false) => {
    const program: WriteProgram = {
      sql: [
        'INSERT INTO things (id) VALUES (?)',
        'SELECT seq FROM things WHERE id = ?',
        'DELETE FROM things WHERE seq = ?',
      ],
      steps: remove
        ? [
            { kind: 'locate', sql: 1, params: [id], conflict: id, subject: id },
            { kind: 'run', sql: 2, params: [], withRow: true },
          ]
        : [{ kind: 'insert', sql: 0, params: [id], conflict: id, subject: id }],
      events: {
        ...log.appendTarget(),
        bodies: drafts.map(encodeEventBody),
        subjects: drafts.map((d) => d.elementId ?? null),
      },
    };
    expect(executeWriteProgram(database.db, new Map(), program)).toMatchObject({ ok: true });
  };

  const names = (events: { data: Record<string, unknown> }[]) => events.map((e) => e.data.name);
  const subjects = () =>
    database.db.prepare('SELECT subject FROM stream_events ORDER BY pos').pluck().all();

  it('reads a history from the events filed under the element and those written without', () => {
    const log = openLog();
    log.appendSync([draft('x', 'x0')]);
    write(log, 'x', [draft('x', 'x1'), draft('y', 'y1')]);
    log.appendSync([draft('x', 'x2')]);
    // x's event is filed under x's row; y, which the program did not write, is not.
    expect(subjects()).toEqual([null, 1, null, null]);
    expect(names(log.readElement('x', 10))).toEqual(['x0', 'x1', 'x2']);
    expect(names(log.readElement('x', 2))).toEqual(['x1', 'x2']);
    expect(names(log.readElement('y', 10))).toEqual(['y1']);
  });

  it('never lends one element the events of another that held its row id before', () => {
    const log = openLog();
    write(log, 'a', [draft('a', 'a1')]);
    write(log, 'a', [draft('a', 'a-deleted')], true);
    write(log, 'b', [draft('b', 'b1')]);
    expect(subjects()).toEqual([1, 1, 1]);
    expect(names(log.readElement('b', 10))).toEqual(['b1']);
    // A deleted element is no longer known by a subject.
    expect(log.readElement('a', 10)).toEqual([]);
  });

  it('reads both parts of a history through indexes', () => {
    openLog();
    const plan = database.db
      .prepare(`EXPLAIN QUERY PLAN ${READ_ELEMENT_SQL}`)
      .all({ subject: 1, elementId: 'x', limit: 10 }) as { detail: string }[];
    const details = plan.map((row) => row.detail).filter((d) => d.includes('stream_events'));
    expect(details).toEqual([
      expect.stringContaining('USING INDEX stream_events_subject'),
      expect.stringContaining('USING INDEX stream_events_element'),
    ]);
  });

  it('keeps finding the events a log wrote before it filed any under subjects', () => {
    database.migrate(EVENT_LOG_COMPONENT, EVENT_LOG_MIGRATIONS.slice(0, 2));
    database.db
      .prepare('INSERT INTO stream_events (ms, seq, body) VALUES (?, ?, ?)')
      .run(1000, 0, encodeEventBody(draft('x', 'old')));
    const log = openLog();
    write(log, 'x', [draft('x', 'new')]);
    expect(names(log.readElement('x', 10))).toEqual(['old', 'new']);
  });
});
