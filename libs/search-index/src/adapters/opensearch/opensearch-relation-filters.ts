import type { Filter, FilterGroup } from '@lib/kernel';
import type { QueryClause } from '@lib/entity-store';
import type { SearchEngine } from '@lib/opensearch';
import { InvalidQueryError } from '../../errors/search-index.error';
import { relationFilterTargets } from '../../relation-filter.util';
import { compileTypes } from './opensearch-filter.compiler';

// The engines have no join: a relationship filter (regardingOf, connectedToId) is answered by a
// first query on relationships, then compiled as a filter on the ids found. An id that matches no
// element stands for "none found" (an empty value list would mean "no condition").
const MAX_RELATED = 10_000;
const NO_ELEMENT = 'no-element--00000000-0000-0000-0000-000000000000';

type Ends = { from_id?: string; to_id?: string };

async function relatedIds(
  engine: SearchEngine,
  alias: string,
  ids: readonly string[],
  types: readonly string[],
): Promise<string[]> {
  const filter: QueryClause[] = [
    {
      bool: {
        should: [{ terms: { from_id: ids } }, { terms: { to_id: ids } }],
        minimum_should_match: 1,
      },
    },
  ];
  if (types.length > 0) {
    filter.push(compileTypes(types));
  }
  const response = await engine.request({
    method: 'POST',
    path: `/${alias}/_search`,
    body: { size: MAX_RELATED, _source: ['from_id', 'to_id'], query: { bool: { filter } } },
  });
  const hits = (response.body.hits as { hits?: { _source: Ends }[] } | undefined)?.hits ?? [];
  if (hits.length >= MAX_RELATED) {
    throw new InvalidQueryError(
      `A relationship filter matches more than ${MAX_RELATED} relationships; narrow it`,
      { ids },
    );
  }
  const wanted = new Set(ids);
  const found = new Set<string>();
  for (const { _source: ends } of hits) {
    if (ends.from_id && wanted.has(ends.from_id) && ends.to_id) found.add(ends.to_id);
    if (ends.to_id && wanted.has(ends.to_id) && ends.from_id) found.add(ends.from_id);
  }
  return [...found];
}

async function expandFilter(engine: SearchEngine, alias: string, filter: Filter): Promise<Filter> {
  const [key] = filter.key;
  if (key === 'elementId') {
    return { ...filter, key: ['fromOrToId'] };
  }
  if (key !== 'regardingOf' && key !== 'connectedToId') {
    return filter;
  }
  const { ids, types } = relationFilterTargets(key, filter);
  const related = ids.length > 0 ? await relatedIds(engine, alias, ids, types) : [];
  return {
    key: ['id'],
    values: related.length > 0 ? related : [NO_ELEMENT],
    operator: filter.operator === 'not_eq' ? 'not_eq' : 'eq',
    mode: 'or',
  };
}

/** The filter tree with its relationship filters replaced by the ids they designate. */
export async function expandRelationFilters(
  engine: SearchEngine,
  alias: string,
  group: FilterGroup,
): Promise<FilterGroup> {
  return {
    ...group,
    filters: await Promise.all(group.filters.map((f) => expandFilter(engine, alias, f))),
    filterGroups: await Promise.all(
      group.filterGroups.map((g) => expandRelationFilters(engine, alias, g)),
    ),
  };
}
