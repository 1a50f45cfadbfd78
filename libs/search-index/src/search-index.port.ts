import type { Page } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import type { StoredElement } from '@lib/entity-store';
import type { CountQuery, SearchQuery } from './search-query.types';

/** Lists, filters and full-text search over the knowledge graph, access rules applied in the query. */
export abstract class SearchIndex {
  /** One page of visible elements; `pageInfo.globalCount` counts every match. */
  abstract search(ctx: AccessContext, query: SearchQuery): Promise<Page<StoredElement>>;

  /** Number of visible elements matching. */
  abstract count(ctx: AccessContext, query: CountQuery): Promise<number>;
}
