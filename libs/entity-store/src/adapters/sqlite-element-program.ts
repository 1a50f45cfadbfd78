import { hash53 } from '@lib/kernel';
import type { EventLogSql, ProgramBuilder, WriteProgram, WriteStep } from '@lib/sqlite';
import type { ElementHead, StoredElement } from '../element.types';

// How a batch of element writes becomes a write program. The program is built where it runs, on
// the writer thread when there is one: serialising documents and hashing keys happen
// off the thread that prepares the next batch. Every function here is shipped as source text to
// that thread, so each must stay self-contained: no imported values (types are fine), no module
// constants; what comes from other modules arrives through `lib`.

/** The parts of an element kept in the `doc` JSON column. */
export type ElementDoc = Pick<
  StoredElement,
  'stixIds' | 'aliasIds' | 'lookupKeys' | 'attributes' | 'refs' | 'fromType' | 'toType'
>;

export type ElementProgramInput = {
  upserts: {
    element: StoredElement;
    expectedVersion: number;
    isCustom: 0 | 1;
    /** Key hashes of the version replaced (updates only). */
    oldKeys?: number[];
    /** Searchable text of the version replaced (updates only): unchanged, the index keeps it. */
    oldText?: string;
    /** Indexed refs of the version replaced (updates only), as `refPairs` gives them. */
    oldRefs?: string[];
  }[];
  deletes: { internalId: string; expectedVersion: number; oldKeys: number[] }[];
  /**
   * Event bodies, already JSON: encoded by the caller, a string crosses to the writer thread far
   * cheaper than the STIX objects it holds (no object graph to clone, rebuild and collect there).
   * `subjects[i]` is the internal id of event i's element: an element the batch writes files
   * the event under its row id.
   */
  events?: { bodies: string[]; subjects?: (string | null)[]; maxEvents: number; sql: EventLogSql };
};

export type ElementProgramLib = {
  hash53: (text: string) => number;
};

/**
 * The refs a store indexes for an element: its own, plus the authorized members of its
 * `restricted_members` attribute as `restricted-to` refs (the name RESTRICTED_TO of @lib/rbac),
 * so access rules filter on them inside the query (data-model.md §4.4). Self-contained.
 */
export function indexedRefs(element: StoredElement): Record<string, readonly string[]> {
  let raw: unknown = element.attributes.restricted_members;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      raw = [{ id: '(unreadable)' }]; // restricted to nobody rather than open to all
    }
  }
  const members = Array.isArray(raw)
    ? raw
        .map((m: unknown) => (m && typeof m === 'object' ? (m as { id?: unknown }).id : undefined))
        .filter((id): id is string => typeof id === 'string' && id.length > 0)
    : [];
  return members.length === 0 ? element.refs : { ...element.refs, 'restricted-to': members };
}

/** The indexed refs of an element as flat (relation, target) pairs. Self-contained. */
export function refPairs(element: StoredElement): string[] {
  const pairs: string[] = [];
  const indexed = indexedRefs(element);
  for (const rel in indexed) {
    for (const target of indexed[rel] ?? []) {
      pairs.push(rel, target);
    }
  }
  return pairs;
}

/** The pairs of `old` (flat, as `refPairs` gives them) that `current` lacks. Self-contained. */
export function droppedPairs(old: readonly string[], current: readonly string[]): string[] {
  const kept = new Set<string>();
  for (let i = 0; i + 1 < current.length; i += 2) {
    kept.add(`${current[i]}\n${current[i + 1]}`);
  }
  const dropped: string[] = [];
  for (let i = 0; i + 1 < old.length; i += 2) {
    const [rel, target] = [old[i] as string, old[i + 1] as string];
    if (!kept.has(`${rel}\n${target}`)) {
      dropped.push(rel, target);
    }
  }
  return dropped;
}

export function encodeDoc(element: StoredElement): string {
  const doc: ElementDoc = {
    stixIds: element.stixIds,
    aliasIds: element.aliasIds,
    lookupKeys: element.lookupKeys,
    attributes: element.attributes,
    refs: element.refs,
    fromType: element.fromType,
    toType: element.toType,
  };
  return JSON.stringify(doc);
}

/** The lists an element's keys come from, as given (not lower-cased). Self-contained. */
export function keySources(element: ElementHead): (readonly string[])[] {
  return [
    [element.internalId, element.standardId],
    element.stixIds,
    element.aliasIds,
    element.lookupKeys,
  ];
}

/** Every key an element can be found by; ids compare lower-cased. */
export function elementKeys(element: StoredElement): string[] {
  const keys = new Set<string>();
  for (const source of keySources(element)) {
    for (const key of source) {
      keys.add(key.toLowerCase());
    }
  }
  return [...keys];
}

/**
 * Whether a key may be an element's internal id, looked up in the elements table rather than the
 * key table: internal ids are UUIDs or `work_…` names, never in the `type--uuid` form of STIX ids.
 */
export function mayBeInternalId(key: string): boolean {
  return !key.includes('--');
}

/**
 * The keys the key table holds for an element: all but its internal id, which the elements table
 * indexes itself. Internal ids are made in time order and land at the end of that index, where in
 * the key table their hashes would each land on a page of their own. An internal id in the form
 * of a STIX id (with `--`: none is made so) stays in the key table, where look-ups of such keys go
 * (see `mayBeInternalId`). Self-contained but for the two functions it calls, shipped with it.
 */
export function tableKeys(element: StoredElement): string[] {
  const own = element.internalId.toLowerCase();
  const keys = elementKeys(element);
  return mayBeInternalId(own) ? keys.filter((key) => key !== own) : keys;
}

/**
 * Whether `lowerKey` (lower-cased) is one of the element's `tableKeys`, without building them: a
 * look-up verifies each row its hash matched this way.
 */
export function holdsTableKey(element: ElementHead, lowerKey: string): boolean {
  const is = (id: string) => id === lowerKey || id.toLowerCase() === lowerKey;
  if (is(element.internalId)) {
    return !mayBeInternalId(element.internalId);
  }
  return keySources(element).some((source) => source.some(is));
}

/**
 * The words an element is found by. Only attributes worth searching are tokenised; the rest
 * (dates, numbers, hashes…) are filterable, which keeps the index small and writes fast.
 */
export function searchableText(element: StoredElement): string {
  const textAttributes = [
    'name',
    'value',
    'aliases',
    'x_opencti_aliases',
    'x_mitre_id',
    'description',
    'x_opencti_description',
    'pattern',
    'attribute_abstract',
    'content',
    'opinion',
    'explanation',
    'definition',
    'phase_name',
    'source_name',
    'external_id',
    'url',
    'result_name',
    'subject',
    'body',
    'command_line',
    'path',
    'attribute_key',
    'display_name',
    'account_login',
  ];
  const parts: string[] = [];
  for (const name of textAttributes) {
    const value = element.attributes[name];
    if (typeof value === 'string') {
      parts.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (typeof item === 'string') {
          parts.push(item);
        }
      }
    } else if (typeof value === 'number') {
      parts.push(String(value));
    }
  }
  return parts.join('\n');
}

/** The program writing a batch: rows, keys, refs and text of each element; versions checked. */
export function buildElementProgram(
  input: ElementProgramInput,
  lib: ElementProgramLib,
): WriteProgram {
  // Indexes into `sql`; the row id of the element being written always comes last.
  const sql = [
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
    'DELETE FROM element_refs WHERE rel = ? AND to_id = ? AND from_seq = ?',
    'INSERT INTO elements_fts (text, rowid) VALUES (?, ?)',
    'DELETE FROM elements_fts WHERE rowid = ?',
    // Another element with this key as standard id, STIX id or lookup key (see creation below).
    `SELECT 1 FROM element_keys k JOIN elements e ON e.seq = k.seq WHERE k.h = ?
       AND (lower(e.standard_id) = ? OR instr(lower(json_extract(e.doc, '$.stixIds')), ?) > 0
         OR instr(lower(json_extract(e.doc, '$.lookupKeys')), ?) > 0) LIMIT 1`,
    `SELECT 1 FROM element_keys k JOIN elements e ON e.seq = k.seq WHERE k.h = ?
       AND lower(e.standard_id) = ? LIMIT 1`,
  ];
  const [insert, update, locate, remove, insertKey, deleteKey, insertRef, deleteRefs] = [
    0, 1, 2, 3, 4, 5, 6, 7,
  ];
  const [deleteRef, insertText, deleteText, heldKey, heldStandardId] = [8, 9, 10, 11, 12];
  const steps: WriteStep[] = [];
  // The indexes of a stored version: the keys given (those a new version drops), the refs given
  // as pairs (else all), and the text unless kept.
  const removeIndexes = (
    internalId: string,
    expectedVersion: number,
    oldKeys: number[],
    oldRefs: string[] | undefined,
    keepText: boolean,
  ) => {
    const conflict = `${internalId}@${expectedVersion}`;
    steps.push(
      {
        kind: 'locate',
        sql: locate,
        params: [internalId, expectedVersion],
        conflict,
        subject: internalId,
      },
      { kind: 'each', sql: deleteKey, values: oldKeys, arity: 1, withRow: true },
      oldRefs === undefined
        ? { kind: 'run', sql: deleteRefs, params: [], withRow: true }
        : { kind: 'each', sql: deleteRef, values: oldRefs, arity: 2, withRow: true },
    );
    if (!keepText) {
      steps.push({ kind: 'run', sql: deleteText, params: [], withRow: true });
    }
  };
  for (const upsert of input.upserts) {
    const { element, expectedVersion, isCustom, oldKeys, oldText, oldRefs } = upsert;
    const columns = [
      element.standardId,
      element.entityType,
      element.baseType,
      isCustom,
      element.fromId ?? null,
      element.toId ?? null,
      element.createdAt,
      element.updatedAt,
      element.version,
      encodeDoc(element),
    ];
    const conflict = `${element.internalId}@${expectedVersion}`;
    const keys = tableKeys(element).map((key) => lib.hash53(key));
    const refs = refPairs(element);
    const text = searchableText(element);
    // An update deletes only the keys and refs it drops (the others are kept, the inserts ignore
    // them) and rewrites the text only when it changed: each index entry deleted and written
    // again costs page writes, and a deleted text a tombstone in the full-text index.
    const keepText = expectedVersion !== 0 && text === oldText;
    if (expectedVersion === 0) {
      // No other element may have the standard id or a lookup key of one created as standard id,
      // STIX id or lookup key, nor one of its STIX ids as standard id (aliases are no identity):
      // a writer that read before another committed it would otherwise store it twice (the
      // conflict makes it read again and merge into the one stored).
      for (const key of [element.standardId, ...element.lookupKeys]) {
        const lower = key.toLowerCase();
        const quoted = JSON.stringify(lower);
        const params = [lib.hash53(lower), lower, quoted, quoted];
        steps.push({ kind: 'absent', sql: heldKey, params, conflict });
      }
      for (const id of element.stixIds) {
        const lower = id.toLowerCase();
        steps.push({
          kind: 'absent',
          sql: heldStandardId,
          params: [lib.hash53(lower), lower],
          conflict,
        });
      }
      steps.push({
        kind: 'insert',
        sql: insert,
        params: [element.internalId, ...columns],
        conflict,
        subject: element.internalId,
      });
    } else {
      const kept = new Set(keys);
      const dropped = (oldKeys ?? []).filter((key) => !kept.has(key));
      const droppedRefs = oldRefs && droppedPairs(oldRefs, refs);
      removeIndexes(element.internalId, expectedVersion, dropped, droppedRefs, keepText);
      const params = [...columns, element.internalId, expectedVersion];
      steps.push({ kind: 'run', sql: update, params, conflict });
    }
    steps.push({ kind: 'each', sql: insertKey, values: keys, arity: 1, withRow: true });
    steps.push({ kind: 'each', sql: insertRef, values: refs, arity: 2, withRow: true });
    if (text.length > 0 && !keepText) {
      steps.push({ kind: 'run', sql: insertText, params: [text], withRow: true });
    }
  }
  for (const removal of input.deletes) {
    removeIndexes(removal.internalId, removal.expectedVersion, removal.oldKeys, undefined, false);
    steps.push({ kind: 'run', sql: remove, params: [], withRow: true });
  }
  const events = input.events;
  return {
    sql,
    steps,
    events:
      events && events.bodies.length > 0
        ? {
            bodies: events.bodies,
            subjects: events.subjects,
            maxEvents: events.maxEvents,
            sql: events.sql,
          }
        : undefined,
  };
}

export const ELEMENT_PROGRAM = 'entity-store.elements';

export const ELEMENT_PROGRAM_BUILDER: ProgramBuilder<ElementProgramInput, ElementProgramLib> = {
  entry: buildElementProgram,
  functions: [
    encodeDoc,
    keySources,
    elementKeys,
    mayBeInternalId,
    tableKeys,
    searchableText,
    indexedRefs,
    refPairs,
    droppedPairs,
  ],
  lib: { hash53 },
};
