import type { Filter, FilterGroup, FilterOperator, FilterValue } from '@lib/kernel';
import { internalIdForms, keyHash } from '@lib/entity-store';
import type { SqlFragment } from '@lib/entity-store';
import { concreteTypesOf, isTypeOf } from '@lib/stix';
import { InvalidQueryError } from '../errors/search-index.error';
import { relationFilterTargets } from '../relation-filter.util';

// Pure compilation of the neutral filter tree to an SQL WHERE fragment over `elements e`.
// Snapshot-tested: a change of the generated SQL shows up in review.

const COLUMN_KEYS: Record<string, string> = {
  internal_id: 'e.internal_id',
  standard_id: 'e.standard_id',
  created_at: 'e.created_at',
  updated_at: 'e.updated_at',
  base_type: 'e.base_type',
  fromId: 'e.from_id',
  toId: 'e.to_id',
};

// GraphQL ref input names (and the ref types themselves) → ref relationship type.
const REF_KEYS: Record<string, string> = {
  createdBy: 'created-by',
  objectMarking: 'object-marking',
  objectLabel: 'object-label',
  externalReferences: 'external-reference',
  killChainPhases: 'kill-chain-phase',
  objects: 'object',
  objectAssignee: 'object-assignee',
  objectParticipant: 'object-participant',
  objectOrganization: 'granted',
  // The access model's internal refs (data-model.md §4.6).
  'member-of': 'member-of',
  'participate-to': 'participate-to',
  'has-role': 'has-role',
  'has-capability': 'has-capability',
  'accesses-to': 'accesses-to',
};
for (const type of Object.values(REF_KEYS)) {
  REF_KEYS[type] = type;
}

const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_\-.]*$/;

type Compiled = SqlFragment;

const join = (parts: Compiled[], op: 'AND' | 'OR'): Compiled =>
  parts.length === 0
    ? { sql: op === 'AND' ? '1 = 1' : '1 = 0', params: [] }
    : {
        sql:
          parts.length === 1
            ? (parts[0] as Compiled).sql
            : `(${parts.map((p) => p.sql).join(` ${op} `)})`,
        params: parts.flatMap((p) => p.params),
      };

/** Entity types, abstract ones expanded; custom types belong to Stix-Custom-Object and its parents. */
export function compileTypes(types: readonly string[]): Compiled {
  const concrete = new Set<string>();
  let custom = false;
  for (const type of types) {
    concreteTypesOf(type).forEach((t) => concrete.add(t));
    if (isTypeOf('x-custom', type)) {
      custom = true;
    }
  }
  const parts: Compiled[] = [
    {
      sql: 'e.entity_type IN (SELECT value FROM json_each(?))',
      params: [JSON.stringify([...concrete].sort())],
    },
  ];
  if (custom) {
    parts.push({ sql: 'e.is_custom = 1', params: [] });
  }
  return join(parts, 'OR');
}

/** Full-text words as an FTS5 query: every word must occur, as a word prefix. */
export function compileSearch(text: string): Compiled | undefined {
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) {
    return undefined;
  }
  const query = words.map((word) => `"${word}"*`).join(' ');
  return {
    sql: 'e.seq IN (SELECT rowid FROM elements_fts WHERE elements_fts MATCH ?)',
    params: [query],
  };
}

function likePattern(value: string, prefix: string, suffix: string): string {
  return `${prefix}${value.replace(/[\\%_]/g, (c) => `\\${c}`)}${suffix}`;
}

function comparison(expr: string, operator: FilterOperator, value: FilterValue): Compiled {
  switch (operator) {
    case 'eq':
      return { sql: `${expr} = ?`, params: [value] };
    case 'not_eq':
      return { sql: `${expr} IS NOT ?`, params: [value] };
    case 'lt':
      return { sql: `${expr} < ?`, params: [value] };
    case 'lte':
      return { sql: `${expr} <= ?`, params: [value] };
    case 'gt':
      return { sql: `${expr} > ?`, params: [value] };
    case 'gte':
      return { sql: `${expr} >= ?`, params: [value] };
    case 'match':
    case 'search':
    case 'contains':
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [likePattern(String(value), '%', '%')] };
    case 'not_contains':
      return {
        sql: `${expr} NOT LIKE ? ESCAPE '\\'`,
        params: [likePattern(String(value), '%', '%')],
      };
    case 'starts_with':
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [likePattern(String(value), '', '%')] };
    case 'not_starts_with':
      return {
        sql: `${expr} NOT LIKE ? ESCAPE '\\'`,
        params: [likePattern(String(value), '', '%')],
      };
    case 'ends_with':
      return { sql: `${expr} LIKE ? ESCAPE '\\'`, params: [likePattern(String(value), '%', '')] };
    case 'not_ends_with':
      return {
        sql: `${expr} NOT LIKE ? ESCAPE '\\'`,
        params: [likePattern(String(value), '%', '')],
      };
    case 'wildcard':
      return { sql: `${expr} GLOB ?`, params: [String(value)] };
    case 'nil':
    case 'not_nil':
    case 'within':
    case 'script':
      throw new InvalidQueryError(`Operator ${operator} takes no single value here`);
  }
}

function valuesOf(filter: Filter, compile: (value: FilterValue) => Compiled): Compiled {
  const mode = filter.mode === 'and' ? 'AND' : 'OR';
  return join(filter.values.map(compile), mode);
}

function compileAttribute(key: string, filter: Filter): Compiled {
  if (!ATTRIBUTE_KEY.test(key)) {
    throw new InvalidQueryError(`Invalid filter key "${key}"`, { key });
  }
  const path = `$.attributes."${key}"`;
  const operator = filter.operator ?? 'eq';
  // json_each over a scalar yields the scalar itself, so one form serves scalars and arrays.
  const any = (value: FilterValue, op: FilterOperator): Compiled => {
    const inner = comparison('j.value', op, value);
    return {
      sql: `EXISTS (SELECT 1 FROM json_each(e.doc, '${path}') j WHERE ${inner.sql})`,
      params: inner.params,
    };
  };
  switch (operator) {
    case 'nil':
      return { sql: `json_extract(e.doc, '${path}') IS NULL`, params: [] };
    case 'not_nil':
      return { sql: `json_extract(e.doc, '${path}') IS NOT NULL`, params: [] };
    case 'within': {
      const [from, to] = filter.values;
      return {
        sql: `json_extract(e.doc, '${path}') BETWEEN ? AND ?`,
        params: [from ?? null, to ?? null],
      };
    }
    case 'not_eq':
      return valuesOf(filter, (value) => {
        const inner = any(value, 'eq');
        return { sql: `NOT ${inner.sql}`, params: inner.params };
      });
    default:
      return valuesOf(filter, (value) => any(value, operator));
  }
}

function compileRef(rel: string, filter: Filter): Compiled {
  const operator = filter.operator ?? 'eq';
  const exists = (values: FilterValue[] | undefined): Compiled => ({
    sql:
      `EXISTS (SELECT 1 FROM element_refs r WHERE r.from_seq = e.seq AND r.rel = ?` +
      (values ? ` AND r.to_id IN (SELECT value FROM json_each(?)))` : ')'),
    params: values ? [rel, JSON.stringify(values)] : [rel],
  });
  switch (operator) {
    case 'eq':
      return filter.mode === 'and' ? valuesOf(filter, (v) => exists([v])) : exists(filter.values);
    case 'not_eq': {
      const inner = exists(filter.values);
      return { sql: `NOT ${inner.sql}`, params: inner.params };
    }
    case 'nil': {
      const inner = exists(undefined);
      return { sql: `NOT ${inner.sql}`, params: inner.params };
    }
    case 'not_nil':
      return exists(undefined);
    default:
      throw new InvalidQueryError(`Operator ${operator} is not supported on ${rel}`);
  }
}

function compileColumn(column: string, filter: Filter): Compiled {
  const operator = filter.operator ?? 'eq';
  if (operator === 'nil') {
    return { sql: `${column} IS NULL`, params: [] };
  }
  if (operator === 'not_nil') {
    return { sql: `${column} IS NOT NULL`, params: [] };
  }
  if (operator === 'not_eq') {
    return join(
      filter.values.map((v) => comparison(column, 'not_eq', v)),
      'AND',
    );
  }
  return valuesOf(filter, (value) => comparison(column, operator, value));
}

function compileFilter(filter: Filter): Compiled {
  const [key, ...more] = filter.key;
  if (key === undefined || more.length > 0) {
    throw new InvalidQueryError('A filter takes exactly one key', { key: filter.key });
  }
  if (filter.values.length === 0 && filter.operator !== 'nil' && filter.operator !== 'not_nil') {
    return { sql: '1 = 1', params: [] };
  }
  const operator = filter.operator ?? 'eq';
  if (key === 'entity_type' || key === 'relationship_type') {
    const types = compileTypes(filter.values.map(String));
    return operator === 'not_eq' ? { sql: `NOT ${types.sql}`, params: types.params } : types;
  }
  if (key === 'fromTypes' || key === 'toTypes') {
    const side = key === 'fromTypes' ? 'fromType' : 'toType';
    const concrete = filter.values.flatMap((v) => concreteTypesOf(String(v)));
    return {
      sql: `json_extract(e.doc, '$.${side}') IN (SELECT value FROM json_each(?))`,
      params: [JSON.stringify(concrete)],
    };
  }
  if (key === 'ids' || key === 'id') {
    // Key hashes (see keyHash): a false match has odds of about n / 2^53, negligible for a filter.
    // Internal ids are not in the key table: the elements table indexes them.
    const values = filter.values.map(String);
    const inner = {
      sql:
        '(e.seq IN (SELECT seq FROM element_keys WHERE h IN (SELECT value FROM json_each(?)))' +
        ' OR e.internal_id IN (SELECT value FROM json_each(?)))',
      params: [
        JSON.stringify(values.map((v) => keyHash(v.toLowerCase()))),
        JSON.stringify(values.flatMap(internalIdForms)),
      ],
    };
    return operator === 'not_eq' ? { sql: `NOT ${inner.sql}`, params: inner.params } : inner;
  }
  if (key === 'regardingOf' || key === 'connectedToId') {
    const { ids, types } = relationFilterTargets(key, filter);
    const inner = connectedTo(ids, types);
    return operator === 'not_eq' ? { sql: `NOT ${inner.sql}`, params: inner.params } : inner;
  }
  if (key === 'fromOrToId' || key === 'elementId') {
    const ids = JSON.stringify(filter.values);
    return {
      sql: '(e.from_id IN (SELECT value FROM json_each(?)) OR e.to_id IN (SELECT value FROM json_each(?)))',
      params: [ids, ids],
    };
  }
  const column = COLUMN_KEYS[key];
  if (column) {
    return compileColumn(column, filter);
  }
  const rel = REF_KEYS[key];
  if (rel) {
    return compileRef(rel, filter);
  }
  return compileAttribute(key, filter);
}

// Elements with a relationship (either direction) to one of `ids`, of one of `types` if given.
function connectedTo(ids: string[], types: string[]): Compiled {
  const typeSql = types.length > 0 ? ' AND r.entity_type IN (SELECT value FROM json_each(?))' : '';
  const typeParams = types.length > 0 ? [JSON.stringify(types)] : [];
  const list = JSON.stringify(ids);
  return {
    sql:
      `(EXISTS (SELECT 1 FROM elements r WHERE r.from_id = e.internal_id AND r.to_id IN (SELECT value FROM json_each(?))${typeSql})` +
      ` OR EXISTS (SELECT 1 FROM elements r WHERE r.to_id = e.internal_id AND r.from_id IN (SELECT value FROM json_each(?))${typeSql}))`,
    params: [list, ...typeParams, list, ...typeParams],
  };
}

/** The whole filter tree (nested groups, and/or modes) as one fragment. */
export function compileFilterGroup(group: FilterGroup): Compiled {
  const parts = [
    ...group.filters.map(compileFilter),
    ...group.filterGroups.map(compileFilterGroup),
  ];
  return join(parts, group.mode === 'or' ? 'OR' : 'AND');
}
