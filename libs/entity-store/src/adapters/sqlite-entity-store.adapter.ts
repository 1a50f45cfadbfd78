import type { Statement } from 'better-sqlite3';
import { AppError } from '@lib/kernel';
import type { StreamEvent } from '@lib/kernel';
import { accessRule, markingsAllowed } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SqliteEventLog } from '@lib/sqlite';
import type { SqliteDatabase } from '@lib/sqlite';
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
  insert: Statement;
  update: Statement;
  current: Statement;
  remove: Statement;
  insertKey: Statement;
  deleteKey: Statement;
  relations: Statement;
  insertRef: Statement;
  deleteRefs: Statement;
  insertText: Statement;
  deleteText: Statement;
};

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
      insert: db.prepare(
        `INSERT INTO elements (internal_id, standard_id, entity_type, base_type, is_custom, from_id,
           to_id, created_at, updated_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      update: db.prepare(
        `UPDATE elements SET standard_id = ?, entity_type = ?, base_type = ?, is_custom = ?,
           from_id = ?, to_id = ?, created_at = ?, updated_at = ?, version = ?, doc = ?
         WHERE internal_id = ? AND version = ?`,
      ),
      current: db.prepare(
        `SELECT ${ELEMENT_COLUMNS} FROM elements e WHERE e.internal_id = ? AND e.version = ?`,
      ),
      remove: db.prepare('DELETE FROM elements WHERE seq = ?'),
      insertKey: db.prepare('INSERT OR IGNORE INTO element_keys (h, seq) VALUES (?, ?)'),
      deleteKey: db.prepare('DELETE FROM element_keys WHERE h = ? AND seq = ?'),
      relations: db.prepare(
        `SELECT ${ELEMENT_COLUMNS} FROM elements e INDEXED BY elements_from
         WHERE e.from_id = ? AND e.to_id = ? AND e.entity_type = ?`,
      ),
      insertRef: db.prepare(
        'INSERT OR IGNORE INTO element_refs (from_seq, rel, to_id) VALUES (?, ?, ?)',
      ),
      deleteRefs: db.prepare('DELETE FROM element_refs WHERE from_seq = ?'),
      insertText: db.prepare('INSERT INTO elements_fts (rowid, text) VALUES (?, ?)'),
      deleteText: db.prepare('DELETE FROM elements_fts WHERE rowid = ?'),
    };
  }

  resolve(ctx: AccessContext, keys: readonly string[]): Promise<Map<string, StoredElement[]>> {
    return this.run(() => {
      const result = new Map<string, StoredElement[]>();
      const wanted = new Map<number, Map<string, Set<string>>>();
      for (const key of keys) {
        const lower = key.toLowerCase();
        const h = keyHash(lower);
        const byKey = wanted.get(h) ?? new Map<string, Set<string>>();
        byKey.set(lower, (byKey.get(lower) ?? new Set<string>()).add(key));
        wanted.set(h, byKey);
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
        for (const [lower, originals] of wanted.get(row.matched) ?? []) {
          if (entry.keys.has(lower)) {
            for (const original of originals) {
              result.set(original, [...(result.get(original) ?? []), entry.element]);
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

  commit(batch: WriteBatch): Promise<CommitResult> {
    return this.run(() => {
      let events: StreamEvent[] = [];
      this.database.transaction(() => {
        for (const write of batch.upserts) {
          this.writeElement(write.element, write.expectedVersion);
        }
        for (const removal of batch.deletes) {
          this.deleteElement(removal.internalId, removal.expectedVersion);
        }
        events = this.eventLog.appendSync(batch.events);
      });
      this.database.afterWrite();
      return { events };
    });
  }

  private writeElement(element: StoredElement, expectedVersion: number): void {
    const s = this.statements;
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
    let seq: number;
    if (expectedVersion === 0) {
      try {
        seq = Number(s.insert.run(element.internalId, ...columns).lastInsertRowid);
      } catch (cause) {
        if (isUniqueViolation(cause)) {
          throw new VersionConflictError(element.internalId, expectedVersion);
        }
        throw cause;
      }
    } else {
      seq = this.removeIndexes(element.internalId, expectedVersion);
      s.update.run(...columns, element.internalId, expectedVersion);
    }
    for (const key of elementKeys(element)) {
      s.insertKey.run(keyHash(key), seq);
    }
    for (const [rel, targets] of Object.entries(element.refs)) {
      for (const target of targets) {
        s.insertRef.run(seq, rel, target);
      }
    }
    const text = searchableText(element);
    if (text.length > 0) {
      s.insertText.run(seq, text);
    }
  }

  private deleteElement(internalId: string, expectedVersion: number): void {
    this.statements.remove.run(this.removeIndexes(internalId, expectedVersion));
  }

  /** Removes the keys, refs and text of the current version; conflict when it is not the expected one. */
  private removeIndexes(internalId: string, expectedVersion: number): number {
    const s = this.statements;
    const row = s.current.get(internalId, expectedVersion) as ElementRow | undefined;
    if (!row) {
      throw new VersionConflictError(internalId, expectedVersion);
    }
    for (const key of elementKeys(decodeElementRow(row))) {
      s.deleteKey.run(keyHash(key), row.seq);
    }
    s.deleteRefs.run(row.seq);
    s.deleteText.run(row.seq);
    return row.seq;
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

function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
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
