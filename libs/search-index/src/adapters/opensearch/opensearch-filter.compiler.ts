import type { Filter, FilterGroup, FilterOperator, FilterValue } from '@lib/kernel';
import { DATE_ATTRIBUTES, NUMBER_ATTRIBUTES } from '@lib/entity-store';
import type { QueryClause } from '@lib/entity-store';
import { concreteTypesOf, isTypeOf } from '@lib/stix';
import { InvalidQueryError } from '../../errors/search-index.error';

// Pure compilation of the neutral filter tree to the query DSL both engines share, over the
// element documents' fields (libs/entity-store opensearch-element.mappings.ts). Snapshot-tested:
// a change of the generated query shows up in review. Values never become query syntax: they are
// term values, and wildcard metacharacters in them are escaped.

const COLUMN_KEYS: Record<string, string> = {
  internal_id: 'internal_id',
  standard_id: 'standard_id',
  created_at: 'created_at',
  updated_at: 'updated_at',
  base_type: 'base_type',
  fromId: 'from_id',
  toId: 'to_id',
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
const NUMBERS = new Set<string>(NUMBER_ATTRIBUTES);
const DATES = new Set<string>(DATE_ATTRIBUTES);

const MATCH_ALL: QueryClause = { match_all: {} };
const MATCH_NONE: QueryClause = { match_none: {} };

const not = (clause: QueryClause): QueryClause => ({ bool: { must_not: [clause] } });

function combine(parts: QueryClause[], mode: 'and' | 'or'): QueryClause {
  if (parts.length === 0) {
    return mode === 'and' ? MATCH_ALL : MATCH_NONE;
  }
  if (parts.length === 1) {
    return parts[0] as QueryClause;
  }
  return mode === 'and'
    ? { bool: { filter: parts } }
    : { bool: { should: parts, minimum_should_match: 1 } };
}

/** Entity types, abstract ones expanded; custom types belong to Stix-Custom-Object and its parents. */
export function compileTypes(types: readonly string[]): QueryClause {
  const concrete = new Set<string>();
  let custom = false;
  for (const type of types) {
    concreteTypesOf(type).forEach((t) => concrete.add(t));
    if (isTypeOf('x-custom', type)) {
      custom = true;
    }
  }
  const parts: QueryClause[] = [{ terms: { entity_type: [...concrete].sort() } }];
  if (custom) {
    parts.push({ term: { is_custom: true } });
  }
  return combine(parts, 'or');
}

/** Full-text words: every word must occur, as a word prefix (scored). */
export function compileSearch(text: string): QueryClause | undefined {
  // Whitespace-separated words, each analysed like the field: `198.51.100` and `evil.example`
  // stay one term (the standard analyzer keeps dotted numbers and names whole) and match as
  // prefixes of `198.51.100.7` and `evil.example.com`.
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) {
    return undefined;
  }
  return { bool: { must: words.map((word) => ({ match_phrase_prefix: { text: word } })) } };
}

function escapeWildcard(value: string): string {
  return value.replace(/[\\*?]/g, (c) => `\\${c}`);
}

/** Text operators over a keyword field whose values start with `head` (`key=` for attributes). */
function textMatch(
  field: string,
  head: string,
  operator: FilterOperator,
  value: FilterValue,
): QueryClause {
  const text = escapeWildcard(String(value));
  const wildcard = (pattern: string): QueryClause => ({
    wildcard: { [field]: { value: pattern, case_insensitive: true } },
  });
  switch (operator) {
    case 'match':
    case 'search':
    case 'contains':
      return wildcard(`${escapeWildcard(head)}*${text}*`);
    case 'not_contains':
      return not(wildcard(`${escapeWildcard(head)}*${text}*`));
    case 'starts_with':
      return { prefix: { [field]: { value: `${head}${String(value)}`, case_insensitive: true } } };
    case 'not_starts_with':
      return not({
        prefix: { [field]: { value: `${head}${String(value)}`, case_insensitive: true } },
      });
    case 'ends_with':
      return wildcard(`${escapeWildcard(head)}*${text}`);
    case 'not_ends_with':
      return not(wildcard(`${escapeWildcard(head)}*${text}`));
    case 'wildcard':
      // The caller's own glob (* and ?), after the key.
      return { wildcard: { [field]: { value: `${escapeWildcard(head)}${String(value)}` } } };
    default:
      throw new InvalidQueryError(`Operator ${operator} takes no single value here`);
  }
}

const RANGE_OPS: Partial<Record<FilterOperator, string>> = {
  lt: 'lt',
  lte: 'lte',
  gt: 'gt',
  gte: 'gte',
};

/** A field holding the value itself (ids, dates, numbers). */
function onField(field: string, operator: FilterOperator, value: FilterValue): QueryClause {
  const range = RANGE_OPS[operator];
  if (range) {
    return { range: { [field]: { [range]: value } } };
  }
  if (operator === 'eq') {
    return { term: { [field]: value } };
  }
  if (operator === 'not_eq') {
    return not({ term: { [field]: value } });
  }
  return textMatch(field, '', operator, value);
}

/** Attributes without a typed copy: `key=value` keywords; ranges compare as strings. */
function onKeyValue(key: string, operator: FilterOperator, value: FilterValue): QueryClause {
  const pair = `${key}=${String(value)}`;
  switch (operator) {
    case 'eq':
      return { term: { kv: pair } };
    case 'not_eq':
      return not({ term: { kv: pair } });
    case 'lt':
    case 'lte':
      return { range: { kv: { gte: `${key}=`, [operator]: pair } } };
    case 'gt':
    case 'gte':
      return { range: { kv: { [operator]: pair, lt: `${key}=\u{10ffff}` } } };
    default:
      return textMatch('kv', `${key}=`, operator, value);
  }
}

function valuesOf(filter: Filter, compile: (value: FilterValue) => QueryClause): QueryClause {
  // Negations hold for every value; the others follow the filter's mode (or by default).
  const negated = filter.operator?.startsWith('not_') ?? false;
  return combine(filter.values.map(compile), negated || filter.mode === 'and' ? 'and' : 'or');
}

function compileAttribute(key: string, filter: Filter): QueryClause {
  if (!ATTRIBUTE_KEY.test(key)) {
    throw new InvalidQueryError(`Invalid filter key "${key}"`, { key });
  }
  const operator = filter.operator ?? 'eq';
  const typed = NUMBERS.has(key) ? `num.${key}` : DATES.has(key) ? `date.${key}` : undefined;
  switch (operator) {
    case 'nil':
      return not({ term: { attr_keys: key } });
    case 'not_nil':
      return { term: { attr_keys: key } };
    case 'within': {
      const [from, to] = filter.values;
      return typed
        ? { range: { [typed]: { gte: from ?? null, lte: to ?? null } } }
        : { range: { kv: { gte: `${key}=${String(from)}`, lte: `${key}=${String(to)}` } } };
    }
    case 'script':
      throw new InvalidQueryError('Script filters are not supported');
    default:
      return valuesOf(filter, (value) =>
        typed ? onField(typed, operator, value) : onKeyValue(key, operator, value),
      );
  }
}

function compileRef(rel: string, filter: Filter): QueryClause {
  const operator = filter.operator ?? 'eq';
  const pairs = (values: FilterValue[]) => ({
    terms: { ref_pairs: values.map((v) => `${rel}|${String(v)}`) },
  });
  switch (operator) {
    case 'eq':
      return filter.mode === 'and'
        ? combine(
            filter.values.map((v) => pairs([v])),
            'and',
          )
        : pairs(filter.values);
    case 'not_eq':
      return not(pairs(filter.values));
    case 'nil':
      return not({ term: { ref_rels: rel } });
    case 'not_nil':
      return { term: { ref_rels: rel } };
    default:
      throw new InvalidQueryError(`Operator ${operator} is not supported on ${rel}`);
  }
}

function compileColumn(field: string, filter: Filter): QueryClause {
  const operator = filter.operator ?? 'eq';
  if (operator === 'nil') {
    return not({ exists: { field } });
  }
  if (operator === 'not_nil') {
    return { exists: { field } };
  }
  if (operator === 'within') {
    const [from, to] = filter.values;
    return { range: { [field]: { gte: from ?? null, lte: to ?? null } } };
  }
  return valuesOf(filter, (value) => onField(field, operator, value));
}

function compileSpecial(key: string, filter: Filter): QueryClause | undefined {
  const negate = filter.operator === 'not_eq';
  const strings = filter.values.map(String);
  switch (key) {
    case 'entity_type':
    case 'relationship_type': {
      const types = compileTypes(strings);
      return negate ? not(types) : types;
    }
    case 'fromTypes':
    case 'toTypes':
      return {
        terms: {
          [key === 'fromTypes' ? 'from_type' : 'to_type']: strings.flatMap((v) =>
            concreteTypesOf(v),
          ),
        },
      };
    case 'ids':
    case 'id': {
      const ids = { terms: { keys: strings.map((v) => v.toLowerCase()) } };
      return negate ? not(ids) : ids;
    }
    case 'fromOrToId':
      return combine([{ terms: { from_id: strings } }, { terms: { to_id: strings } }], 'or');
    default:
      return undefined;
  }
}

function compileFilter(filter: Filter): QueryClause {
  const [key, ...more] = filter.key;
  if (key === undefined || more.length > 0) {
    throw new InvalidQueryError('A filter takes exactly one key', { key: filter.key });
  }
  if (filter.values.length === 0 && filter.operator !== 'nil' && filter.operator !== 'not_nil') {
    return MATCH_ALL;
  }
  const special = compileSpecial(key, filter);
  if (special) {
    return special;
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

/** The whole filter tree (nested groups, and/or modes) as one clause. */
export function compileFilterGroup(group: FilterGroup): QueryClause {
  const parts = [
    ...group.filters.map(compileFilter),
    ...group.filterGroups.map(compileFilterGroup),
  ];
  return combine(parts, group.mode === 'or' ? 'or' : 'and');
}
