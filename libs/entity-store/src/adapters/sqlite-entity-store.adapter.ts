import type { Statement } from 'better-sqlite3';
import { AppError } from '@lib/kernel';
import type { StreamEvent } from '@lib/kernel';
import { accessRule, elementAllowed } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SqliteEventLog, appendedEvents, encodeEventBody } from '@lib/sqlite';
import type { SqliteDatabase, WriteOutcome } from '@lib/sqlite';
import { isCustomType } from '@lib/stix';
import { EntityStore } from '../entity-store.port';
import type { ElementHead, RelationProbe, StoredElement } from '../element.types';
import type { CommitResult, WriteBatch } from '../write-batch.types';
import { commitWhenAfterCommitted } from '../commit-after.util';
import {
  CommitSkippedError,
  StoreUnavailableError,
  VersionConflictError,
} from '../errors/entity-store.error';
import { compileAccessRule } from './sqlite-access.sql';
import type { SqlFragment } from './sqlite-access.sql';
import {
  ELEMENT_COLUMNS,
  HEAD_COLUMNS,
  decodeElementRow,
  decodeHeadRow,
  keyHash,
  internalIdForms,
  migrateElementTables,
} from './sqlite-element-tables';
import {
  ELEMENT_PROGRAM,
  ELEMENT_PROGRAM_BUILDER,
  holdsTableKey,
  refPairs,
  searchableText,
  tableKeys,
} from './sqlite-element-program';
import type { ElementProgramInput } from './sqlite-element-program';
import type { ElementRow } from './sqlite-element-tables';

export type SqliteEntityStoreOptions = { maxEvents: number };

type Statements = {
  current: Statement;
  relations: Statement;
};

/** EntityStore over the embedded SQLite file: one transaction per commit, events included. */
export class SqliteEntityStore extends EntityStore {
  private readonly statements: Statements;
  private readonly eventLog: SqliteEventLog;
  private readonly cached = new Map<string, Statement>();
  /** The writer's run of each commit, for the commits queued after it (`WriteBatch.after`). */
  private readonly runs = new WeakMap<Promise<unknown>, Promise<WriteOutcome>>();

  constructor(
    private readonly database: SqliteDatabase,
    options: SqliteEntityStoreOptions,
  ) {
    super();
    migrateElementTables(database);
    this.eventLog = SqliteEventLog.for(database, { maxEvents: options.maxEvents });
    database.writer.define(ELEMENT_PROGRAM, ELEMENT_PROGRAM_BUILDER);
    const db = database.lookupDb;
    // The element program files each event under the row id of its element.
    const subject = database.db.prepare('SELECT seq FROM elements WHERE internal_id = ?').pluck();
    this.eventLog.useSubjects((elementId) => subject.get(elementId) as number | undefined);
    this.statements = {
      current: db.prepare(
        `SELECT ${ELEMENT_COLUMNS} FROM elements e WHERE e.internal_id = ? AND e.version = ?`,
      ),
      relations: db.prepare(
        `SELECT ${ELEMENT_COLUMNS} FROM elements e INDEXED BY elements_from
         WHERE e.from_id = ? AND e.to_id = ? AND e.entity_type = ?`,
      ),
    };
  }

  resolve(ctx: AccessContext, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    return this.run(() => this.rowsOfKeys(ctx, keys, ELEMENT_COLUMNS, decodeElementRow));
  }

  override resolveHeads(
    ctx: AccessContext,
    keys: readonly string[],
  ): Promise<Map<string, ElementHead[]>> {
    return this.run(() => this.rowsOfKeys(ctx, keys, HEAD_COLUMNS, decodeHeadRow));
  }

  findRelations(ctx: AccessContext, probes: readonly RelationProbe[]): Promise<StoredElement[]> {
    return this.run(() => {
      const rule = accessRule(ctx);
      const seen = new Set<string>();
      const found: StoredElement[] = [];
      // One indexed look-up per probe: in-process SQLite has no round-trip to save, and the
      // (from_id, to_id, entity_type) index answers each in microseconds.
      for (const probe of probes) {
        const rows = this.statements.relations.all(
          probe.fromId,
          probe.toId,
          probe.entityType,
        ) as ElementRow[];
        for (const row of rows) {
          const element = decodeElementRow(row);
          if (!seen.has(element.internalId) && elementAllowed(rule, element)) {
            seen.add(element.internalId);
            found.push(element);
          }
        }
      }
      return found;
    });
  }

  get(ctx: AccessContext, internalId: string): Promise<StoredElement | undefined> {
    return this.getMany(ctx, [internalId]).then((found) => found.get(internalId));
  }

  getMany(ctx: AccessContext, internalIds: readonly string[]): Promise<Map<string, StoredElement>> {
    return this.run(() => {
      const rows = this.rowsByInternalId(compileAccessRule(accessRule(ctx)), internalIds);
      return new Map(rows.map((row) => [row.internal_id, decodeElementRow(row)]));
    });
  }

  countByType(ctx: AccessContext): Promise<Record<string, number>> {
    return this.run(() => {
      const access = compileAccessRule(accessRule(ctx));
      const rows = this.prepare(
        `SELECT e.entity_type AS type, count(*) AS n FROM elements e WHERE ${access.sql}
           GROUP BY e.entity_type ORDER BY e.entity_type`,
      ).all(...access.params) as { type: string; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.type, row.n]));
    });
  }

  commit(batch: WriteBatch): Promise<CommitResult> {
    const { after } = batch;
    // Queued on the writer behind the commit it follows, unless building this one reads rows that
    // commit may still change (the keys of a replaced version not given): then after it.
    const queuedAfter =
      after === undefined || readsStoredVersions(batch) ? undefined : this.runs.get(after);
    if (after !== undefined && queuedAfter === undefined) {
      return commitWhenAfterCommitted({ ...batch, after }, (next) => this.commit(next));
    }
    let run: Promise<WriteOutcome>;
    try {
      const request = { builder: ELEMENT_PROGRAM, input: this.programInput(batch) };
      run = this.database.writer.run(request, queuedAfter);
    } catch (cause) {
      return Promise.reject(translateError(cause));
    }
    const result = run.then((outcome) => this.committed(batch, outcome));
    this.runs.set(result, run);
    return result;
  }

  private committed(batch: WriteBatch, outcome: WriteOutcome): CommitResult {
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        const [internalId = '', version = '0'] = outcome.conflict.split('@');
        throw new VersionConflictError(internalId, Number(version));
      }
      if ('skipped' in outcome) {
        throw new CommitSkippedError();
      }
      throw translateError(Object.assign(new Error(outcome.error.message), outcome.error));
    }
    // The events were written in the same transaction.
    batch.onApplied?.();
    if (!outcome.events) {
      return { events: [] };
    }
    this.eventLog.notifyAppended();
    // Built when asked for: most writers (ingestion) never read them. Only the drafts are kept
    // (the batch names the commit it followed: kept whole, every commit would keep the one before).
    const { events: drafts } = batch;
    const appended = outcome.events;
    let events: StreamEvent[] | undefined;
    return {
      get events() {
        return (events ??= appendedEvents(drafts, appended));
      },
    };
  }

  /**
   * What the writer needs to build the batch's program. The keys, refs and text of the versions an
   * update or a delete replaces come from the state the writer read when it gives it, else are read
   * here from the committed rows (a commit queued after another then waits for it: see `commit`);
   * the program re-checks each version in its transaction.
   */
  private programInput(batch: WriteBatch): ElementProgramInput {
    return {
      upserts: batch.upserts.map(({ element, expectedVersion, replaced }) => {
        const isCustom = isCustomType(element.entityType) ? 1 : 0;
        if (expectedVersion === 0) {
          return { element, expectedVersion, isCustom };
        }
        const old =
          replaced !== undefined && isReplaced(element, expectedVersion, replaced)
            ? replaced
            : this.storedVersion(element.internalId, expectedVersion);
        return {
          element,
          expectedVersion,
          isCustom,
          oldKeys: tableKeys(old).map(keyHash),
          oldText: searchableText(old),
          oldRefs: refPairs(old),
        };
      }),
      deletes: batch.deletes.map(({ internalId, expectedVersion }) => ({
        internalId,
        expectedVersion,
        oldKeys: tableKeys(this.storedVersion(internalId, expectedVersion)).map(keyHash),
      })),
      events:
        batch.events.length > 0
          ? {
              ...this.eventLog.appendTarget(),
              bodies: batch.events.map(encodeEventBody),
              subjects: batch.events.map((event) => event.elementId ?? null),
            }
          : undefined,
    };
  }

  /**
   * The elements designated by each key, read as `columns` and decoded by `decode` (once per row):
   * keys by hash in the key table, each row verified against the element's own keys; internal ids
   * in the elements table.
   */
  private rowsOfKeys<R extends { seq: number; internal_id: string }, T extends ElementHead>(
    ctx: AccessContext,
    keys: readonly string[],
    columns: string,
    decode: (row: R) => T,
  ): Map<string, T[]> {
    const result = new Map<string, T[]>();
    // Key hash → the keys asked for under it, as given; likewise by internal id form (internal
    // ids are not in the key table: see tableKeys).
    const wanted = new Map<number, string[]>();
    const byInternalId = new Map<string, string[]>();
    for (const key of keys) {
      addAsked(wanted, keyHash(key.toLowerCase()), key);
      for (const form of internalIdForms(key)) {
        addAsked(byInternalId, form, key);
      }
    }
    if (wanted.size === 0) {
      return result;
    }
    const access = compileAccessRule(accessRule(ctx));
    const decoded = new Map<number, T>();
    const elementOf = (row: R) => {
      let element = decoded.get(row.seq);
      if (!element) {
        element = decode(row);
        decoded.set(row.seq, element);
      }
      return element;
    };
    const found = (key: string, element: T) => {
      const elements = result.get(key);
      if (elements) {
        elements.push(element);
      } else {
        result.set(key, [element]);
      }
    };
    const rows = this.prepare(
      `SELECT k.h AS matched, ${columns} FROM element_keys k
       JOIN elements e ON e.seq = k.seq
       WHERE k.h IN (SELECT value FROM json_each(?)) AND ${access.sql}`,
    ).all(JSON.stringify([...wanted.keys()]), ...access.params) as (R & { matched: number })[];
    for (const row of rows) {
      const element = elementOf(row);
      // The hash narrows the search; the element's own keys decide.
      for (const key of wanted.get(row.matched) ?? []) {
        if (holdsTableKey(element, key.toLowerCase())) {
          found(key, element);
        }
      }
    }
    if (byInternalId.size > 0) {
      for (const row of this.rowsByInternalId<R>(access, [...byInternalId.keys()], columns)) {
        for (const key of byInternalId.get(row.internal_id) ?? []) {
          found(key, elementOf(row));
        }
      }
    }
    return result;
  }

  private rowsByInternalId<R = ElementRow>(
    access: SqlFragment,
    internalIds: readonly string[],
    columns = ELEMENT_COLUMNS,
  ): R[] {
    return this.prepare(
      `SELECT ${columns} FROM elements e
         WHERE e.internal_id IN (SELECT value FROM json_each(?)) AND ${access.sql}`,
    ).all(JSON.stringify(internalIds), ...access.params) as R[];
  }

  private storedVersion(internalId: string, expectedVersion: number): StoredElement {
    const row = this.statements.current.get(internalId, expectedVersion) as ElementRow | undefined;
    if (!row) {
      throw new VersionConflictError(internalId, expectedVersion);
    }
    return decodeElementRow(row);
  }

  private prepare(sql: string): Statement {
    let statement = this.cached.get(sql);
    if (!statement) {
      statement = this.database.lookupDb.prepare(sql);
      this.cached.set(sql, statement);
    }
    return statement;
  }

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (cause) {
      return Promise.reject(translateError(cause));
    }
  }
}

// Driver errors are matched by code, not by class: they come from the native addon, whose Error
// is not the one of a jest sandbox.
function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string'
    ? error.code
    : undefined;
}

function isReplaced(element: StoredElement, expectedVersion: number, replaced: StoredElement) {
  return replaced.internalId === element.internalId && replaced.version === expectedVersion;
}

/** Whether building the batch's program reads stored rows (keys of the versions it replaces). */
function readsStoredVersions(batch: WriteBatch): boolean {
  return (
    batch.deletes.length > 0 ||
    batch.upserts.some(
      ({ element, expectedVersion, replaced }) =>
        expectedVersion !== 0 &&
        (replaced === undefined || !isReplaced(element, expectedVersion, replaced)),
    )
  );
}

function addAsked<K>(asked: Map<K, string[]>, under: K, key: string): void {
  const keys = asked.get(under);
  if (!keys) {
    asked.set(under, [key]);
  } else if (!keys.includes(key)) {
    keys.push(key);
  }
}

function translateError(error: unknown): Error {
  if (error instanceof AppError) {
    return error;
  }
  const code = sqliteCode(error);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_FULL') {
    return new StoreUnavailableError(`The embedded database is unavailable (${code})`, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}
