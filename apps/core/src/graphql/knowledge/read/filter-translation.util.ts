import type { Filter, FilterGroup, FilterValue } from '@lib/kernel';
import { InvalidQueryError } from '@lib/search-index';
import type { FilterGroupArg, ListArgs } from './knowledge-args.types';

// The GraphQL list arguments as one neutral FilterGroup: the relationship shortcuts (fromId,
// startTimeStart…) become filters, keys are checked, id-valued keys are collected for resolution.

/** Keys whose values are element ids in any form (resolved to internal ids before the query). */
export const ID_KEYS = new Set([
  'fromId',
  'toId',
  'fromOrToId',
  'elementId',
  'connectedToId',
  'objectMarking',
  'objectLabel',
  'createdBy',
  'objects',
  'objectOrganization',
  'objectAssignee',
  'objectParticipant',
  'killChainPhases',
  'externalReferences',
  'regardingOf',
]);

const SPECIAL_KEYS = new Set([
  ...ID_KEYS,
  'entity_type',
  'relationship_type',
  'fromTypes',
  'toTypes',
  'ids',
  'id',
  'internal_id',
  'standard_id',
  'base_type',
  'creator_id',
]);

const list = (value: string | string[] | null | undefined): string[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];

function check(key: string, known: (key: string) => boolean): void {
  if (!SPECIAL_KEYS.has(key) && !known(key) && !key.startsWith('x_')) {
    throw new InvalidQueryError(`Unknown filter key "${key}"`, { key });
  }
}

function normalize(group: FilterGroupArg, known: (key: string) => boolean): FilterGroup {
  return {
    mode: group.mode === 'or' ? 'or' : 'and',
    filters: (group.filters ?? []).map((f) => {
      f.key.forEach((k) => check(k, known));
      const filter: Filter = { key: f.key, values: f.values ?? [] };
      if (f.operator) filter.operator = f.operator;
      if (f.mode) filter.mode = f.mode;
      return filter;
    }),
    filterGroups: (group.filterGroups ?? []).map((g) => normalize(g, known)),
  };
}

function eq(key: string, values: FilterValue[]): Filter {
  return { key: [key], values };
}

function range(key: string, from: string | null | undefined, to: string | null | undefined) {
  const filters: Filter[] = [];
  if (from) filters.push({ key: [key], values: [from], operator: 'gte' });
  if (to) filters.push({ key: [key], values: [to], operator: 'lte' });
  return filters;
}

function shortcutFilters(args: ListArgs): Filter[] {
  const filters: Filter[] = [];
  const add = (key: string, values: string[]) => {
    if (values.length > 0) filters.push(eq(key, values));
  };
  add('fromOrToId', list(args.fromOrToId));
  add('fromId', list(args.fromId));
  add('toId', list(args.toId));
  add('fromTypes', list(args.fromTypes));
  add('toTypes', list(args.toTypes));
  add('relationship_type', list(args.relationship_type));
  filters.push(...range('start_time', args.startTimeStart, args.startTimeStop));
  filters.push(...range('stop_time', args.stopTimeStart, args.stopTimeStop));
  filters.push(...range('first_seen', args.firstSeenStart, args.firstSeenStop));
  filters.push(...range('last_seen', args.lastSeenStart, args.lastSeenStop));
  return filters;
}

/** The list's whole filter tree, or undefined when nothing filters. */
export function listFilters(
  args: ListArgs,
  known: (key: string) => boolean,
): FilterGroup | undefined {
  const shortcuts = shortcutFilters(args);
  const targetTypes = list(args.elementWithTargetTypes);
  const groups: FilterGroup[] = args.filters ? [normalize(args.filters, known)] : [];
  if (targetTypes.length > 0) {
    groups.push({
      mode: 'or',
      filters: [eq('fromTypes', targetTypes), eq('toTypes', targetTypes)],
      filterGroups: [],
    });
  }
  if (shortcuts.length === 0 && groups.length === 0) return undefined;
  return { mode: 'and', filters: shortcuts, filterGroups: groups };
}

type SubFilter = { key: string | string[]; values: unknown[] };

// regardingOf carries sub-filters as values; its `id` sub-filter holds the ids.
function regardingIds(filter: Filter): string[] {
  return (filter.values as unknown[] as SubFilter[])
    .filter((sub) => [sub.key].flat().includes('id'))
    .flatMap((sub) => sub.values.filter((v): v is string => typeof v === 'string'));
}

function mapRegardingIds(filter: Filter, map: (id: string) => string[]): Filter {
  const values = (filter.values as unknown[] as SubFilter[]).map((sub) =>
    [sub.key].flat().includes('id')
      ? { ...sub, values: sub.values.flatMap((v) => (typeof v === 'string' ? map(v) : [v])) }
      : sub,
  );
  return { ...filter, values: values as unknown as FilterValue[] };
}

/** Every id-like value of the tree (what the store must resolve to internal ids). */
export function idValues(group: FilterGroup): string[] {
  const out: string[] = [];
  for (const filter of group.filters) {
    if (filter.key.includes('regardingOf')) {
      out.push(...regardingIds(filter));
    } else if (filter.key.some((k) => ID_KEYS.has(k) || k === 'id')) {
      out.push(...filter.values.filter((v): v is string => typeof v === 'string'));
    }
  }
  for (const sub of group.filterGroups) out.push(...idValues(sub));
  return out;
}

/** The tree with id values replaced by the internal ids they designate (unknown ids kept). */
export function withInternalIds(
  group: FilterGroup,
  internal: ReadonlyMap<string, readonly string[]>,
): FilterGroup {
  return {
    mode: group.mode,
    filters: group.filters.map((filter) => {
      if (filter.key.includes('regardingOf')) {
        return mapRegardingIds(filter, (id) => [...(internal.get(id) ?? [id])]);
      }
      if (!filter.key.some((k) => ID_KEYS.has(k) || k === 'id')) return filter;
      const values = filter.values.flatMap((v) =>
        typeof v === 'string' && internal.has(v) ? [...(internal.get(v) ?? [])] : [v],
      );
      return { ...filter, values };
    }),
    filterGroups: group.filterGroups.map((g) => withInternalIds(g, internal)),
  };
}
