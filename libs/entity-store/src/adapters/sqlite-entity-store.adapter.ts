import type { Statement } from 'better-sqlite3';
import { AppError } from '@lib/kernel';
import { accessRule, markingsAllowed } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SqliteEventLog, appendedEvents } from '@lib/sqlite';
import type { SqlValue, SqliteDatabase, WriteProgram, WriteStep } from '@lib/sqlite';
import { isCustomType } from '@lib/stix';
import { EntityStore } from '../entity-store.port';
import type { RelationProbe, StoredElement } from '../element.types';
import type { CommitResult, WriteBatch } from '../write-batch.types';
import { StoreUnavailableError, VersionConflictError } from '../errors/entity-store.error';
import { compileAccessRule } from './sqlite-access.sql';
import {
  ELEMENT_COLUMNS,
  ELEMENT_MIGRATIONS,
  ELEMENT_TABLES_COMPONENT,
  decodeElementRow,
  elementKeys,
  encodeDoc,
  keyHash,
  searchableText,
} from './sqlite-element-tables';
import type { ElementRow } from './sqlite-element-tables';

export type SqliteEntityStoreOptions = { maxEvents: number };

type Statements = {
  current: Statement;
  relations: Statement;
};

// The statements of write programs, by index (the row id of the element written comes last).
const WRITE_SQL = [
  `INSERT INTO elements (internal_id, standard_id, entity_type, base_type, is_custom, from_id,
     to_id, created_at, updated_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  `UPDATE elements SET standard_id = ?, entity_type = ?, base_type = ?, is_custom = ?,
     from_id = ?, to_id = ?, created_at = ?, updated_at = ?, version = ?, doc = ?
   WHERE internal_id = ? AND version = ?`,
  'SELECT seq FROM elements WHERE internal_id = ? AND version = ?',
  'DELETE FROM elements WHERE seq = ?',
  'INSERT OR IGNORE INTO element_keys (h, seq) VALUES (?, ?)',
  'DELETE FROM element_keys WHERE h = ? AND seq = ?',
  'INSERT OR IGNORE INTO element_refs (rel, to_id, from_seq) VALUES (?, ?, ?)',
  'DELETE FROM element_refs WHERE from_seq = ?',
  'INSERT INTO elements_fts (text, rowid) VALUES (?, ?)',
  'DELETE FROM elements_fts WHERE rowid = ?',
] as const;

const SQL = {
  insert: 0,
  update: 1,
  locate: 2,
  remove: 3,
  insertKey: 4,
  deleteKey: 5,
  insertRef: 6,
  deleteRefs: 7,
  insertText: 8,
  deleteText: 9,
} as const;

/** EntityStore over the embedded SQLite file: one transaction per commit, events included. */
export class SqliteEntityStore extends EntityStore {
  private readonly statements: Statements;
  private readonly eventLog: SqliteEventLog;
  private readonly cached = new Map<string, Statement>();

  constructor(
    private readonly database: SqliteDatabase,
    options: SqliteEntityStoreOptions,
  ) {
    super();
    database.migrate(ELEMENT_TABLES_COMPONENT, ELEMENT_MIGRATIONS);
    this.eventLog = SqliteEventLog.for(database, { maxEvents: options.maxEvents });
    const db = database.db;
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
    return this.run(() => {
      const result = new Map<string, StoredElement[]>();
      // Key hash → the keys asked for under it, as given.
      const wanted = new Map<number, string[]>();
      for (const key of keys) {
        const h = keyHash(key.toLowerCase());
        const asked = wanted.get(h);
        if (!asked) {
          wanted.set(h, [key]);
        } else if (!asked.includes(key)) {
          asked.push(key);
        }
      }
      if (wanted.size === 0) {
        return result;
      }
      const access = compileAccessRule(accessRule(ctx));
      const rows = this.prepare(
        `SELECT k.h AS matched, ${ELEMENT_COLUMNS} FROM element_keys k
         JOIN elements e ON e.seq = k.seq
         WHERE k.h IN (SELECT value FROM json_each(?)) AND ${access.sql}`,
      ).all(JSON.stringify([...wanted.keys()]), ...access.params) as (ElementRow & {
        matched: number;
      })[];
      const decoded = new Map<number, { element: StoredElement; keys: Set<string> }>();
      for (const row of rows) {
        let entry = decoded.get(row.seq);
        if (!entry) {
          const element = decodeElementRow(row);
          entry = { element, keys: new Set(elementKeys(element)) };
          decoded.set(row.seq, entry);
        }
        // The hash narrows the search; the element's own keys decide.
        for (const key of wanted.get(row.matched) ?? []) {
          if (entry.keys.has(key.toLowerCase())) {
            const found = result.get(key);
            if (found) {
              found.push(entry.element);
            } else {
              result.set(key, [entry.element]);
            }
          }
        }
      }
      return result;
    });
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
          if (
            !seen.has(element.internalId) &&
            markingsAllowed(rule, element.refs['object-marking'] ?? [])
          ) {
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
      const access = compileAccessRule(accessRule(ctx));
      const rows = this.prepare(
        `SELECT ${ELEMENT_COLUMNS} FROM elements e
           WHERE e.internal_id IN (SELECT value FROM json_each(?)) AND ${access.sql}`,
      ).all(JSON.stringify(internalIds), ...access.params) as ElementRow[];
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

  async commit(batch: WriteBatch): Promise<CommitResult> {
    const program = await this.run(() => this.program(batch));
    const outcome = await this.database.writer.run(program);
    if (!outcome.ok) {
      if ('conflict' in outcome) {
        const [internalId = '', version = '0'] = outcome.conflict.split('@');
        throw new VersionConflictError(internalId, Number(version));
      }
      throw translateError(Object.assign(new Error(outcome.error.message), outcome.error));
    }
    this.database.afterWrite();
    if (!outcome.events) {
      return { events: [] };
    }
    this.eventLog.notifyAppended();
    return { events: appendedEvents(batch.events, outcome.events) };
  }

  /** The batch as a write program: every row, key, ref and text to write, versions checked. */
  private program(batch: WriteBatch): WriteProgram {
    const steps: WriteStep[] = [];
    for (const write of batch.upserts) {
      this.writeSteps(steps, write.element, write.expectedVersion);
    }
    for (const removal of batch.deletes) {
      this.removeSteps(steps, removal.internalId, removal.expectedVersion);
      steps.push({ kind: 'run', sql: SQL.remove, params: [], withRow: true });
    }
    return {
      sql: WRITE_SQL,
      steps,
      events: batch.events.length > 0 ? this.eventLog.appendProgram(batch.events) : undefined,
    };
  }

  private writeSteps(steps: WriteStep[], element: StoredElement, expectedVersion: number): void {
    const columns = [
      element.standardId,
      element.entityType,
      element.baseType,
      isCustomType(element.entityType) ? 1 : 0,
      element.fromId ?? null,
      element.toId ?? null,
      element.createdAt,
      element.updatedAt,
      element.version,
      encodeDoc(element),
    ];
    const conflict = `${element.internalId}@${expectedVersion}`;
    if (expectedVersion === 0) {
      steps.push({
        kind: 'insert',
        sql: SQL.insert,
        params: [element.internalId, ...columns],
        conflict,
      });
    } else {
      this.removeSteps(steps, element.internalId, expectedVersion);
      steps.push({
        kind: 'run',
        sql: SQL.update,
        params: [...columns, element.internalId, expectedVersion],
        conflict,
      });
    }
    steps.push({
      kind: 'each',
      sql: SQL.insertKey,
      values: elementKeys(element).map(keyHash),
      arity: 1,
      withRow: true,
    });
    const refs: SqlValue[] = [];
    for (const rel in element.refs) {
      for (const target of element.refs[rel] ?? []) {
        refs.push(rel, target);
      }
    }
    steps.push({ kind: 'each', sql: SQL.insertRef, values: refs, arity: 2, withRow: true });
    const text = searchableText(element);
    if (text.length > 0) {
      steps.push({ kind: 'run', sql: SQL.insertText, params: [text], withRow: true });
    }
  }

  /**
   * Steps removing the keys, refs and text of the current version. Its keys are read here, from
   * the committed row (a writer never has a commit of its own in flight when it calls `commit`);
   * the `locate` step re-checks the version inside the transaction.
   */
  private removeSteps(steps: WriteStep[], internalId: string, expectedVersion: number): void {
    const row = this.statements.current.get(internalId, expectedVersion) as ElementRow | undefined;
    const conflict = `${internalId}@${expectedVersion}`;
    if (!row) {
      throw new VersionConflictError(internalId, expectedVersion);
    }
    const oldKeys = elementKeys(decodeElementRow(row)).map(keyHash);
    steps.push(
      { kind: 'locate', sql: SQL.locate, params: [internalId, expectedVersion], conflict },
      { kind: 'each', sql: SQL.deleteKey, values: oldKeys, arity: 1, withRow: true },
      { kind: 'run', sql: SQL.deleteRefs, params: [], withRow: true },
      { kind: 'run', sql: SQL.deleteText, params: [], withRow: true },
    );
  }

  private prepare(sql: string): Statement {
    let statement = this.cached.get(sql);
    if (!statement) {
      statement = this.database.db.prepare(sql);
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
