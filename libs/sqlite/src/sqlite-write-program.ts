import type { Database, Statement } from 'better-sqlite3';

// A write transaction described as data, so that the same transaction can run on the caller's
// connection or on the writer thread's (sqlite-writer.ts). The two functions below are also the
// writer thread's code: they are turned into source text there, so they must stay self-contained
// (no imports, no closures over module values, plain JavaScript once types are stripped).

export type SqlValue = string | number | bigint | null;

/**
 * One step. `withRow` appends the row id of the element being written (set by the last `insert` or
 * `locate`) to the parameters; an `insert` or `locate` with a `subject` also records that row id
 * under it, for the events of the program that name it (see `WriteProgram.events`). A step with
 * `conflict` fails the whole program with that label when its condition is not met: `insert` on a
 * unique violation, `locate` when no row matches, `absent` when a row matches, `run` when no row
 * changed. `each` runs its statement once per `arity` values (flat, so that thousands of small rows
 * cost one array).
 */
export type WriteStep =
  | { kind: 'insert'; sql: number; params: SqlValue[]; conflict: string; subject?: string }
  | { kind: 'locate'; sql: number; params: SqlValue[]; conflict: string; subject?: string }
  | { kind: 'absent'; sql: number; params: SqlValue[]; conflict: string }
  | { kind: 'run'; sql: number; params: SqlValue[]; withRow?: boolean; conflict?: string }
  | { kind: 'each'; sql: number; values: SqlValue[]; arity: number; withRow?: boolean };

/** Statements of the append-only event log (sqlite-event-log.ts) used by `appendEventBodies`. */
export type EventLogSql = { state: string; insert: string; updateState: string; trim: string };

export type WriteProgram = {
  /** SQL texts the steps refer to by index. */
  sql: readonly string[];
  steps: readonly WriteStep[];
  /**
   * Event bodies (JSON) appended in the same transaction. `subjects[i]`, when given, names the
   * step subject whose row id event i is filed under (the log's history of one element, read by
   * that row id: see `SqliteEventLog.readElement`); an event without one is filed by its body.
   */
  events?: {
    bodies: readonly string[];
    subjects?: readonly (string | null)[];
    maxEvents: number;
    sql: EventLogSql;
  };
};

/**
 * A program built where it runs (on the writer thread when there is one) from plain data: the
 * caller sends `input`, the builder registered under `builder` turns it into the program, so that
 * serialising documents and computing rows happens off the caller's thread.
 */
export type BuiltProgram = { builder: string; input: unknown };

export type WriteRequest = WriteProgram | BuiltProgram;

/**
 * How to build programs from inputs. `entry(input, lib)` and the `functions` it calls by name
 * must be self-contained (they are shipped as source text to the writer thread); `lib` holds
 * further self-contained functions the entry reaches as `lib.<name>` (use it for functions
 * imported from other modules, whose compiled calls are not bare names).
 */
export type ProgramBuilder<I, L extends Record<string, (...args: never[]) => unknown>> = {
  entry: (input: I, lib: L) => WriteProgram;
  functions: readonly ((...args: never[]) => unknown)[];
  lib: L;
};

/** Source text evaluating to `(input) => WriteProgram` for the writer thread. */
export function builderSource<I, L extends Record<string, (...args: never[]) => unknown>>(
  builder: ProgramBuilder<I, L>,
): string {
  const lib = Object.entries(builder.lib)
    .map(([name, fn]) => `${JSON.stringify(name)}: (${fn.toString()})`)
    .join(',\n');
  return [
    ...builder.functions.map((fn) => fn.toString()),
    `const lib = {${lib}};`,
    `const entry = (${builder.entry.toString()});`,
    'return (input) => entry(input, lib);',
  ].join('\n');
}

/** The stored JSON of a stream event draft (its id and timestamp come from its row). */
export function encodeEventBody(draft: {
  type: unknown;
  scope?: unknown;
  elementId?: unknown;
  entityType?: unknown;
  origin?: unknown;
  message?: unknown;
  data?: unknown;
  context?: unknown;
}): string {
  return JSON.stringify({
    type: draft.type,
    scope: draft.scope,
    elementId: draft.elementId,
    entityType: draft.entityType,
    origin: draft.origin,
    message: draft.message,
    data: draft.data,
    context: draft.context,
  });
}

/** Ids of the appended events: `<ms>-<firstSeq + i>`. */
export type AppendedEvents = { ms: number; firstSeq: number };

export type WriteOutcome =
  | { ok: true; events?: AppendedEvents }
  | { ok: false; conflict: string }
  | { ok: false; error: { message: string; code?: string } }
  /** Not run: the program it was queued after did not commit (see `SqliteWriter.run`). */
  | { ok: false; skipped: true };

type StateRow = { last_ms: number; last_seq: number; size: number };

/**
 * Appends event bodies after the log's last id and trims the oldest beyond `maxEvents`. Ids are
 * `<ms>-<seq>`: the current millisecond (never before the last one) and a sequence restarting
 * at 0 on each new millisecond. `subjects[i]` is the row id event i is filed under (null or
 * absent: none). Must run inside the caller's write transaction.
 */
export function appendEventBodies(
  prepare: (sql: string) => Statement,
  sql: EventLogSql,
  bodies: readonly string[],
  maxEvents: number,
  subjects?: readonly (number | null)[],
): AppendedEvents {
  const state = prepare(sql.state).get() as StateRow | undefined;
  if (!state) {
    throw new Error('The event log state row is missing');
  }
  const ms = Math.max(Date.now(), state.last_ms);
  const firstSeq = ms === state.last_ms ? state.last_seq + 1 : 0;
  const insert = prepare(sql.insert);
  for (let i = 0; i < bodies.length; i++) {
    insert.run(ms, firstSeq + i, bodies[i], subjects?.[i] ?? null);
  }
  let size = state.size + bodies.length;
  if (size > maxEvents) {
    prepare(sql.trim).run(size - maxEvents);
    size = maxEvents;
  }
  prepare(sql.updateState).run(ms, firstSeq + bodies.length - 1, size);
  return { ms, firstSeq };
}

/** Runs a program in one IMMEDIATE transaction on `db`; a conflict or error rolls all of it back. */
export function executeWriteProgram(
  db: Database,
  cache: Map<string, Statement>,
  program: WriteProgram,
): WriteOutcome {
  const prepare = (text: string): Statement => {
    let statement = cache.get(text);
    if (!statement) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  const conflictMarker = Object.assign(new Error('version conflict'), { label: '' });
  const fail = (label: string): never => {
    conflictMarker.label = label;
    throw conflictMarker;
  };
  const body = (): AppendedEvents | undefined => {
    let row: SqlValue = null;
    // Step subject → its row id, for the events filed under it.
    const subjectRows = new Map<string, number>();
    for (const step of program.steps) {
      const statement = prepare(program.sql[step.sql] as string);
      if (step.kind === 'insert') {
        try {
          row = Number(statement.run(...step.params).lastInsertRowid);
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
            fail(step.conflict);
          }
          throw error;
        }
        if (step.subject !== undefined) {
          subjectRows.set(step.subject, row);
        }
      } else if (step.kind === 'locate') {
        const found = statement.get(...step.params) as { seq: number } | undefined;
        row = found ? found.seq : fail(step.conflict);
        if (step.subject !== undefined) {
          subjectRows.set(step.subject, row);
        }
      } else if (step.kind === 'absent') {
        if (statement.get(...step.params) !== undefined) {
          fail(step.conflict);
        }
      } else if (step.kind === 'run') {
        const params = step.withRow ? [...step.params, row] : step.params;
        if (statement.run(...params).changes === 0 && step.conflict !== undefined) {
          fail(step.conflict);
        }
      } else {
        for (let i = 0; i < step.values.length; i += step.arity) {
          const params = step.values.slice(i, i + step.arity);
          if (step.withRow) {
            params.push(row);
          }
          statement.run(...params);
        }
      }
    }
    const events = program.events;
    if (!events || events.bodies.length === 0) {
      return undefined;
    }
    const subjects = events.subjects?.map((subject) =>
      subject === null ? null : (subjectRows.get(subject) ?? null),
    );
    return appendEventBodies(prepare, events.sql, events.bodies, events.maxEvents, subjects);
  };
  try {
    const transaction = db.transaction(body);
    const events = db.inTransaction ? transaction() : transaction.immediate();
    return events ? { ok: true, events } : { ok: true };
  } catch (error) {
    if (error === conflictMarker) {
      return { ok: false, conflict: conflictMarker.label };
    }
    const failure = error as { message?: unknown; code?: unknown };
    return {
      ok: false,
      error: {
        message: typeof failure.message === 'string' ? failure.message : String(error),
        code: typeof failure.code === 'string' ? failure.code : undefined,
      },
    };
  }
}
