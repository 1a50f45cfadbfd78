import { AppError } from '@lib/kernel';
import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { SqliteDatabase } from './sqlite-database';
import {
  EVENT_LOG_COMPONENT,
  EVENT_LOG_MIGRATIONS,
  READ_ELEMENT_SQL,
} from './sqlite-event-log.constants';
import type { EventLogCursor, EventLogInfo, SqliteEventLogOptions } from './sqlite-event-log.types';
import { writeTransaction } from './write-transaction.util';
import { appendEventBodies, encodeEventBody } from './sqlite-write-program';
import type { AppendedEvents, EventLogSql, WriteProgram } from './sqlite-write-program';

type EventRow = { ms: number; seq: number; body: string };
type StateRow = { last_ms: number; last_seq: number; size: number };

// Stored once per event: the draft; the id and timestamp come from the row's (ms, seq).
type StoredBody = StreamEventDraft;

/**
 * The live stream's history in the shared SQLite file, written synchronously so that the entity
 * store appends its events inside its own write transaction (a transactional outbox). Ids are
 * `<ms>-<seq>`, strictly increasing; at most `maxEvents` are kept (oldest trimmed first).
 * Use `SqliteEventLog.for(database, options)` so that every writer and reader of one database
 * shares the same wake-up listeners.
 */
export class SqliteEventLog {
  private static readonly instances = new WeakMap<SqliteDatabase, SqliteEventLog>();

  private readonly listeners = new Set<() => void>();
  private wakeUpScheduled = false;
  private subjectOf: (elementId: string) => number | undefined = () => undefined;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly database: SqliteDatabase,
    readonly options: SqliteEventLogOptions,
  ) {
    if (!Number.isSafeInteger(options.maxEvents) || options.maxEvents < 1) {
      throw new AppError({
        code: 'EVENT_LOG_INVALID_OPTIONS',
        category: 'internal',
        message: `maxEvents must be a positive integer, got ${options.maxEvents}`,
      });
    }
    database.migrate(EVENT_LOG_COMPONENT, EVENT_LOG_MIGRATIONS);
    this.statements = prepareStatements(database);
  }

  /** The one log of `database`; every caller must pass the same options. */
  static for(database: SqliteDatabase, options: SqliteEventLogOptions): SqliteEventLog {
    const existing = SqliteEventLog.instances.get(database);
    if (existing) {
      if (existing.options.maxEvents !== options.maxEvents) {
        throw new AppError({
          code: 'EVENT_LOG_OPTIONS_MISMATCH',
          category: 'internal',
          message: `The event log of ${database.path} keeps ${existing.options.maxEvents} events, not ${options.maxEvents}`,
        });
      }
      return existing;
    }
    const log = new SqliteEventLog(database, options);
    SqliteEventLog.instances.set(database, log);
    return log;
  }

  /**
   * Appends the events and trims the history, atomically with the caller's transaction when
   * called inside one (its rollback removes them and nobody sees them). Listeners are woken after
   * the current synchronous work, never inline.
   */
  appendSync(drafts: readonly StreamEventDraft[]): StreamEvent[] {
    if (drafts.length === 0) {
      return [];
    }
    const bodies = drafts.map(encodeEventBody);
    const appended = writeTransaction(this.database, () =>
      appendEventBodies(
        (sql) => this.database.db.prepare(sql),
        EVENT_LOG_SQL,
        bodies,
        this.options.maxEvents,
      ),
    );
    this.notifyAppended();
    return appendedEvents(drafts, appended);
  }

  /**
   * What a write program needs to append `drafts` to this log in its own transaction (see
   * `SqliteDatabase.writer`); once it has committed, `appendedEvents` gives the events and
   * `notifyAppended` wakes the readers.
   */
  appendProgram(drafts: readonly StreamEventDraft[]): NonNullable<WriteProgram['events']> {
    return { ...this.appendTarget(), bodies: drafts.map(encodeEventBody) };
  }

  /** Where a program builder appends (it encodes the bodies itself with `encodeEventBody`). */
  appendTarget(): { maxEvents: number; sql: EventLogSql } {
    return { maxEvents: this.options.maxEvents, sql: EVENT_LOG_SQL };
  }

  /** Wakes the listeners after the current synchronous work (never inline). */
  notifyAppended(): void {
    if (this.wakeUpScheduled) {
      return;
    }
    this.wakeUpScheduled = true;
    setImmediate(() => {
      this.wakeUpScheduled = false;
      this.listeners.forEach((listener) => listener());
    });
  }

  /** Events strictly after `after` (from the oldest kept when absent or trimmed), in id order; synchronous. */
  read(options: { after?: EventLogCursor; limit: number }): StreamEvent[] {
    const after = options.after ?? { ms: -1, seq: -1 };
    return this.statements.readAfter.all(after.ms, after.seq, options.limit).map(toEvent);
  }

  /**
   * How to find the subject events of `elementId` were filed under (see `WriteProgram.events`):
   * set by the writer that files them, which knows its subjects. An element it no longer knows
   * (deleted) has no subject: only its events written without one are found.
   */
  useSubjects(subjectOf: (elementId: string) => number | undefined): void {
    this.subjectOf = subjectOf;
  }

  /**
   * The newest `limit` kept events of one element, oldest first; synchronous. Those filed under a
   * subject count while the element is known by it (see `useSubjects`).
   */
  readElement(elementId: string, limit: number): StreamEvent[] {
    const subject = this.subjectOf(elementId) ?? null;
    return this.statements.readElement.all({ subject, elementId, limit }).reverse().map(toEvent);
  }

  /** Position of the newest event, or undefined when the log is empty. */
  lastCursor(): EventLogCursor | undefined {
    const state = this.state();
    return state.size === 0 ? undefined : { ms: state.last_ms, seq: state.last_seq };
  }

  info(): EventLogInfo {
    const first = this.statements.first.get();
    return {
      size: this.state().size,
      first: first ? { ms: first.ms, seq: first.seq } : undefined,
      last: this.lastCursor(),
    };
  }

  /**
   * Calls `listener` after appends of this process commit or roll back (a wake-up signal, not a
   * delivery: listeners re-read from their position). Returns the unsubscribe function.
   */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private state(): StateRow {
    const state = this.statements.state.get();
    if (!state) {
      throw new AppError({
        code: 'EVENT_LOG_CORRUPT',
        category: 'internal',
        message: 'The event log state row is missing',
      });
    }
    return state;
  }
}

function prepareStatements(database: SqliteDatabase) {
  const db = database.db;
  return {
    state: db.prepare<[], StateRow>(EVENT_LOG_SQL.state),
    readAfter: db.prepare<[number, number, number], EventRow>(
      'SELECT ms, seq, body FROM stream_events WHERE (ms, seq) > (?, ?) ORDER BY ms, seq LIMIT ?',
    ),
    readElement: db.prepare<
      [{ subject: number | null; elementId: string; limit: number }],
      EventRow
    >(READ_ELEMENT_SQL),
    first: db.prepare<[], { ms: number; seq: number }>(
      'SELECT ms, seq FROM stream_events ORDER BY pos LIMIT 1',
    ),
  };
}

const EVENT_LOG_SQL: EventLogSql = {
  state: 'SELECT last_ms, last_seq, size FROM stream_event_log_state WHERE id = 1',
  insert: 'INSERT INTO stream_events (ms, seq, body, subject) VALUES (?, ?, ?, ?)',
  updateState: 'UPDATE stream_event_log_state SET last_ms = ?, last_seq = ?, size = ? WHERE id = 1',
  trim: 'DELETE FROM stream_events WHERE pos IN (SELECT pos FROM stream_events ORDER BY pos LIMIT ?)',
};

/** The events a program appended, built from the drafts rather than re-read (hot path). */
export function appendedEvents(
  drafts: readonly StreamEventDraft[],
  appended: AppendedEvents,
): StreamEvent[] {
  const timestamp = new Date(appended.ms).toISOString();
  return drafts.map((draft, i) => {
    const { type, scope, elementId, entityType, origin, message, data, context } = draft;
    const body: StoredBody = { type, scope, elementId, entityType, origin, message, data, context };
    return { id: `${appended.ms}-${appended.firstSeq + i}`, timestamp, ...body };
  });
}

function toEvent(row: EventRow): StreamEvent {
  const body = JSON.parse(row.body) as StoredBody;
  return { id: `${row.ms}-${row.seq}`, timestamp: new Date(row.ms).toISOString(), ...body };
}
