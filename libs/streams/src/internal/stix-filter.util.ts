import type { Filter, FilterGroup, FilterValue } from '@lib/kernel';
import {
  OCTI_EXTENSION_ID,
  OCTI_SCO_EXTENSION_ID,
  attributeToStixName,
  isTypeOf,
  parentTypes,
  resolveEntityType,
} from '@lib/stix';

// A live stream's filters evaluated on the STIX 2.1 form of an element, the way the search
// adapters evaluate them on stored elements: the stream only has the event's STIX data (and,
// for updates, the previous STIX rebuilt from the reverse patch).

type Stix = Record<string, unknown>;

/** Every known form (internal, standard, STIX ids; a label's value) of each id-valued filter value. */
export type IdAliases = ReadonlyMap<string, readonly string[]>;

/** Filter keys whose values are element ids, compared against STIX refs. */
export const STIX_FILTER_ID_KEYS: ReadonlySet<string> = new Set([
  'ids',
  'id',
  'internal_id',
  'standard_id',
  'objectMarking',
  'objectLabel',
  'createdBy',
  'objects',
  'objectOrganization',
  'creator_id',
  'fromId',
  'toId',
  'fromOrToId',
  'elementId',
  'connectedToId',
]);

const list = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

const record = (value: unknown): Stix | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Stix)
    : undefined;

function extensions(stix: Stix): { octi: Stix; sco: Stix } {
  const all = record(stix.extensions) ?? {};
  return {
    octi: record(all[OCTI_EXTENSION_ID]) ?? {},
    sco: record(all[OCTI_SCO_EXTENSION_ID]) ?? {},
  };
}

/** The OpenCTI entity type of a STIX object (its extension's, else from its STIX type). */
export function entityTypeOfStix(stix: Stix): string {
  const declared = extensions(stix).octi.type;
  if (typeof declared === 'string') return declared;
  return typeof stix.type === 'string' ? resolveEntityType(stix) : '';
}

/** Entity type of a STIX id's object, from its type prefix (`malware--…` → Malware). */
function typeOfRef(ref: unknown): string | undefined {
  const type = typeof ref === 'string' ? ref.split('--')[0] : undefined;
  return type ? resolveEntityType({ type }) : undefined;
}

const sources = (stix: Stix): unknown[] => [
  ...list(stix.source_ref),
  ...list(stix.sighting_of_ref),
];
const targets = (stix: Stix): unknown[] => [
  ...list(stix.target_ref),
  ...list(stix.where_sighted_refs),
];

/** The values a filter key designates on a STIX object (several keys: their union). */
export function stixValues(stix: Stix, key: string): unknown[] {
  const { octi, sco } = extensions(stix);
  const entityType = entityTypeOfStix(stix);
  switch (key) {
    case 'entity_type':
      return [entityType, ...parentTypes(entityType)];
    case 'ids':
    case 'id':
      return [stix.id, octi.id, ...list(octi.stix_ids)];
    case 'internal_id':
      return [octi.id];
    case 'standard_id':
      return [stix.id];
    case 'objectMarking':
      return list(stix.object_marking_refs);
    case 'objectLabel':
      return [...list(stix.labels), ...list(sco.labels)];
    case 'createdBy':
      return [...list(stix.created_by_ref), ...list(sco.created_by_ref)];
    case 'objects':
      return list(stix.object_refs);
    case 'objectOrganization':
      return list(octi.granted_refs);
    case 'creator_id':
      return list(octi.creator_ids);
    case 'fromId':
      return sources(stix);
    case 'toId':
      return targets(stix);
    case 'fromOrToId':
    case 'elementId':
    case 'connectedToId':
      return [...sources(stix), ...targets(stix)];
    case 'fromTypes':
      return sources(stix).flatMap((ref) => withParents(typeOfRef(ref)));
    case 'toTypes':
      return targets(stix).flatMap((ref) => withParents(typeOfRef(ref)));
    case 'created_at':
    case 'updated_at':
      return list(octi[key]);
    case 'x_opencti_score':
      return list(octi.score ?? sco.score);
    case 'x_opencti_description':
      return list(sco.description);
    default: {
      const name = key.startsWith('x_opencti_') ? key.slice('x_opencti_'.length) : undefined;
      const direct = stix[attributeToStixName(entityType, key)] ?? stix[key];
      return list(direct ?? (name ? (octi[name] ?? sco[name]) : octi[key]));
    }
  }
}

function withParents(type: string | undefined): string[] {
  return type ? [type, ...parentTypes(type)] : [];
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);

function compare(actual: unknown, expected: FilterValue): number {
  if (typeof actual === 'number' && expected !== null && !Number.isNaN(Number(expected))) {
    return actual - Number(expected);
  }
  const a = typeof actual === 'string' ? actual : String(actual);
  const b = String(expected);
  return a < b ? -1 : a > b ? 1 : 0;
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

/** One value of the filter against the element's values, for a positive operator. */
function valueMatches(
  operator: Filter['operator'],
  actual: readonly unknown[],
  expected: FilterValue,
  aliases: readonly string[] | undefined,
): boolean {
  const wanted = aliases ? new Set(aliases.map(text)) : undefined;
  const e = text(expected);
  return actual.some((a) => {
    const t = text(a);
    switch (operator ?? 'eq') {
      case 'eq':
      case 'not_eq':
        return wanted
          ? wanted.has(t)
          : t === e || (typeof a === 'number' && a === Number(expected));
      case 'lt':
        return compare(a, expected) < 0;
      case 'lte':
        return compare(a, expected) <= 0;
      case 'gt':
        return compare(a, expected) > 0;
      case 'gte':
        return compare(a, expected) >= 0;
      case 'contains':
      case 'not_contains':
      case 'match':
      case 'search':
        return t.includes(e);
      case 'starts_with':
      case 'not_starts_with':
        return t.startsWith(e);
      case 'ends_with':
      case 'not_ends_with':
        return t.endsWith(e);
      case 'wildcard':
        return wildcard(String(expected)).test(String(a));
      default:
        return false;
    }
  });
}

const NEGATIVE = new Set(['not_eq', 'not_contains', 'not_starts_with', 'not_ends_with']);

function filterMatches(stix: Stix, filter: Filter, aliases: IdAliases): boolean {
  const actual = filter.key.flatMap((key) => stixValues(stix, key)).filter((v) => v !== undefined);
  const operator = filter.operator ?? 'eq';
  if (operator === 'nil') return actual.length === 0;
  if (operator === 'not_nil') return actual.length > 0;
  if (filter.values.length === 0) return true;
  const idKey = filter.key.some((k) => STIX_FILTER_ID_KEYS.has(k));
  const results = filter.values.map((value) => {
    const forms = idKey && typeof value === 'string' ? (aliases.get(value) ?? [value]) : undefined;
    const positive = valueMatches(operator, actual, value, forms);
    return NEGATIVE.has(operator) ? !positive : positive;
  });
  return filter.mode === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** Whether a STIX object passes a FilterGroup (an empty group passes everything). */
export function stixMatches(
  stix: Stix,
  group: FilterGroup,
  aliases: IdAliases = new Map(),
): boolean {
  const results = [
    ...group.filters.map((f) => filterMatches(stix, f, aliases)),
    ...group.filterGroups.map((g) => stixMatches(stix, g, aliases)),
  ];
  if (results.length === 0) return true;
  return group.mode === 'or' ? results.some(Boolean) : results.every(Boolean);
}

/** The id-valued filter values of a group (resolved to all their forms before matching). */
export function filterIdValues(group: FilterGroup): string[] {
  const values = group.filters
    .filter((f) => f.key.some((k) => STIX_FILTER_ID_KEYS.has(k)))
    .flatMap((f) => f.values.filter((v): v is string => typeof v === 'string'));
  return [...values, ...group.filterGroups.flatMap(filterIdValues)];
}

/** `isTypeOf` over a STIX object's entity type (the stream's `types` shortcut). */
export function stixIsOfType(stix: Stix, types: readonly string[]): boolean {
  const type = entityTypeOfStix(stix);
  return types.some((t) => isTypeOf(type, t));
}
