import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import type { SearchIndex } from '@lib/search-index';

const PAGE = 5000;

// The ref types the search index filters on (its GraphQL ref keys); other refs (observable
// sub-refs such as `resolves-to`) are not reachable by a reverse query yet.
export const REVERSE_REF_TYPES = [
  'created-by',
  'object-marking',
  'object-label',
  'external-reference',
  'kill-chain-phase',
  'object',
  'object-assignee',
  'object-participant',
  'granted',
] as const;

/** Every element matching a filter, page after page. */
export async function searchAll(
  index: SearchIndex,
  ctx: AccessContext,
  filters: FilterGroup,
): Promise<StoredElement[]> {
  const all: StoredElement[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await index.search(ctx, { filters, first: PAGE, after });
    all.push(...page.items);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) {
      return all;
    }
    after = page.pageInfo.endCursor;
  }
}

/** Relationships (core, sightings) having one of these elements as an end. */
export function relationshipsOf(
  index: SearchIndex,
  ctx: AccessContext,
  ids: readonly string[],
): Promise<StoredElement[]> {
  return searchAll(index, ctx, {
    mode: 'and',
    filters: [{ key: ['fromOrToId'], values: [...ids] }],
    filterGroups: [],
  });
}

/** Elements holding a ref (of the reverse-queryable types) to one of these elements. */
export function referrersOf(
  index: SearchIndex,
  ctx: AccessContext,
  ids: readonly string[],
): Promise<StoredElement[]> {
  return searchAll(index, ctx, {
    mode: 'or',
    filters: REVERSE_REF_TYPES.map((rel) => ({ key: [rel], values: [...ids] })),
    filterGroups: [],
  });
}
