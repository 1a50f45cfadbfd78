import { hash53 } from '@lib/kernel';
import type { SqliteDatabase, SqliteMigration } from '@lib/sqlite';
import type { ElementHead, StoredElement } from '../element.types';
import { mayBeInternalId } from './sqlite-element-program';
import type { ElementDoc } from './sqlite-element-program';

// The embedded element tables, shared by the SQLite entity store (writes) and the SQLite search
// index (queries). `seq` is the rowid: it keys the FTS table and the side tables compactly.
const ELEMENT_TABLES_COMPONENT = 'entity-store';

/** The SQL function the migrations call for keyHash (see migrateElementTables). */
const KEY_HASH_FUNCTION = 'element_key_hash';

const ELEMENT_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'elements, keys, refs, full text',
    sql: `
      CREATE TABLE elements (
        seq INTEGER PRIMARY KEY,
        internal_id TEXT NOT NULL UNIQUE,
        standard_id TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        base_type TEXT NOT NULL,
        is_custom INTEGER NOT NULL DEFAULT 0,
        from_id TEXT,
        to_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX elements_type ON elements (entity_type, seq);
      CREATE INDEX elements_updated ON elements (updated_at, seq);
      CREATE INDEX elements_from ON elements (from_id, to_id, entity_type) WHERE from_id IS NOT NULL;
      CREATE INDEX elements_to ON elements (to_id) WHERE to_id IS NOT NULL;
      CREATE TABLE element_keys (
        h INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (h, seq)
      ) WITHOUT ROWID;
      CREATE TABLE element_refs (
        from_seq INTEGER NOT NULL,
        rel TEXT NOT NULL,
        to_id TEXT NOT NULL,
        PRIMARY KEY (from_seq, rel, to_id)
      ) WITHOUT ROWID;
      CREATE INDEX element_refs_to ON element_refs (to_id, rel);
      CREATE VIRTUAL TABLE elements_fts USING fts5(
        text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
      );
    `,
  },
  {
    version: 2,
    name: 'internal ids out of the key table',
    // The elements table's unique index answers look-ups by internal id (see tableKeys).
    sql: `
      DELETE FROM element_keys WHERE (h, seq) IN (
        SELECT ${KEY_HASH_FUNCTION}(lower(internal_id)), seq FROM elements
        WHERE internal_id NOT LIKE '%--%'
      );
    `,
  },
];

/** Brings the element tables of `database` to the current schema (idempotent). */
export function migrateElementTables(database: SqliteDatabase): void {
  database.db.function(KEY_HASH_FUNCTION, { deterministic: true }, (key: unknown) =>
    keyHash(String(key)),
  );
  database.migrate(ELEMENT_TABLES_COMPONENT, ELEMENT_MIGRATIONS);
}

export type ElementRow = {
  seq: number;
  internal_id: string;
  standard_id: string;
  entity_type: string;
  base_type: string;
  from_id: string | null;
  to_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  doc: string;
};

export const ELEMENT_COLUMNS =
  'e.seq, e.internal_id, e.standard_id, e.entity_type, e.base_type, e.from_id, e.to_id, e.created_at, e.updated_at, e.version, e.doc';

/** The columns of an element's head (`HeadRow`): its keys are read from the document by SQLite. */
export const HEAD_COLUMNS =
  'e.seq, e.internal_id, e.standard_id, e.entity_type, e.base_type, e.version, ' +
  "json_extract(e.doc, '$.stixIds', '$.aliasIds', '$.lookupKeys') AS head_keys";

export type HeadRow = Pick<
  ElementRow,
  'seq' | 'internal_id' | 'standard_id' | 'entity_type' | 'base_type' | 'version'
> & { head_keys: string };

export function decodeHeadRow(row: HeadRow): ElementHead {
  const [stixIds, aliasIds, lookupKeys] = JSON.parse(row.head_keys) as [
    string[],
    string[],
    string[],
  ];
  return {
    internalId: row.internal_id,
    standardId: row.standard_id,
    entityType: row.entity_type,
    baseType: row.base_type === 'RELATION' ? 'RELATION' : 'ENTITY',
    stixIds,
    aliasIds,
    lookupKeys,
    version: row.version,
  };
}

export function decodeElementRow(row: ElementRow): StoredElement {
  const doc = JSON.parse(row.doc) as ElementDoc;
  const element: StoredElement = {
    internalId: row.internal_id,
    standardId: row.standard_id,
    entityType: row.entity_type,
    baseType: row.base_type === 'RELATION' ? 'RELATION' : 'ENTITY',
    stixIds: doc.stixIds,
    aliasIds: doc.aliasIds,
    lookupKeys: doc.lookupKeys,
    attributes: doc.attributes,
    refs: doc.refs,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
  if (row.from_id !== null) {
    element.fromId = row.from_id;
    element.fromType = doc.fromType;
  }
  if (row.to_id !== null) {
    element.toId = row.to_id;
    element.toType = doc.toType;
  }
  return element;
}

/**
 * A 53-bit hash of a lower-cased key. The key table stores hashes, not text: 16-byte entries keep
 * the index small enough to stay in cache at a million elements, which makes writes several times
 * faster. Reads verify candidates against the element's own keys, so a collision costs nothing but
 * a discarded row.
 */
export function keyHash(key: string): number {
  return hash53(key);
}

/**
 * The forms under which the elements table is asked for an internal id given as `key`: as given
 * and lower-cased (the ids the platform makes are lower-case; work ids keep their `T…Z`), none for
 * a key in the form of a STIX id.
 */
export function internalIdForms(key: string): string[] {
  if (!mayBeInternalId(key)) {
    return [];
  }
  const lower = key.toLowerCase();
  return lower === key ? [key] : [key, lower];
}
