import type { Page } from '@lib/kernel';
import {
  ELEMENT_COMPONENT,
  ELEMENT_SOURCE_FIELDS,
  compileAccessQuery,
  elementLayout,
  fromElementDocument,
} from '@lib/entity-store';
import type {
  ElementDocument,
  ElementLayoutOptions,
  QueryClause,
  StoredElement,
} from '@lib/entity-store';
import { ensureIndexLayout, readAlias } from '@lib/opensearch';
import type { SearchEngine } from '@lib/opensearch';
import { accessRule } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '../../search-index.port';
import type { CountQuery, SearchQuery } from '../../search-query.types';
import { InvalidQueryError } from '../../errors/search-index.error';
import { compileFilterGroup, compileSearch, compileTypes } from './opensearch-filter.compiler';
import { compileSort, decodeCursor, encodeCursor } from './opensearch-search.order';
import { expandRelationFilters } from './opensearch-relation-filters';

const MAX_PAGE = 5000;

export type OpenSearchSearchIndexOptions = ElementLayoutOptions & { engine: SearchEngine };

type Hit = { _source: ElementDocument; sort?: unknown[] };

/** SearchIndex over the element indices: filters, words and access rule in one query, search_after pages. */
export class OpenSearchSearchIndex extends SearchIndex {
  private readonly alias: string;

  private constructor(
    private readonly engine: SearchEngine,
    prefix: string,
  ) {
    super();
    this.alias = readAlias({ prefix, component: ELEMENT_COMPONENT });
  }

  /** Connects and makes sure the element indices exist (the same versioned setup as the store). */
  static async open(options: OpenSearchSearchIndexOptions): Promise<OpenSearchSearchIndex> {
    await ensureIndexLayout(options.engine, elementLayout(options));
    return new OpenSearchSearchIndex(options.engine, options.prefix);
  }

  async search(ctx: AccessContext, query: SearchQuery): Promise<Page<StoredElement>> {
    if (!Number.isInteger(query.first) || query.first < 0 || query.first > MAX_PAGE) {
      throw new InvalidQueryError(`first must be an integer between 0 and ${MAX_PAGE}`, {
        first: query.first,
      });
    }
    const sort = compileSort(query);
    const body: Record<string, unknown> = {
      size: query.first + 1,
      track_total_hits: true,
      _source: ELEMENT_SOURCE_FIELDS,
      query: await this.query(ctx, query),
      sort,
    };
    if (query.after) {
      body.search_after = decodeCursor(query.after, sort.length);
    }
    const response = await this.engine.request({
      method: 'POST',
      path: `/${this.alias}/_search`,
      body,
    });
    const hits =
      (response.body.hits as { hits?: Hit[]; total?: { value?: number } } | undefined) ?? {};
    const all = hits.hits ?? [];
    const kept = all.slice(0, query.first);
    const cursors = kept.map((hit) => encodeCursor(hit.sort ?? []));
    return {
      items: kept.map((hit) => fromElementDocument(hit._source)),
      cursors,
      pageInfo: {
        startCursor: cursors[0] ?? null,
        endCursor: cursors[cursors.length - 1] ?? null,
        hasNextPage: all.length > query.first,
        hasPreviousPage: Boolean(query.after),
        globalCount: hits.total?.value ?? 0,
      },
    };
  }

  async count(ctx: AccessContext, query: CountQuery): Promise<number> {
    const response = await this.engine.request({
      method: 'POST',
      path: `/${this.alias}/_count`,
      body: { query: await this.query(ctx, query) },
    });
    return Number(response.body.count ?? 0);
  }

  /** Access rule, types and filters as filters (unscored), words as the scored part. */
  private async query(ctx: AccessContext, query: CountQuery): Promise<QueryClause> {
    const filter: QueryClause[] = [compileAccessQuery(accessRule(ctx))];
    if (query.types && query.types.length > 0) {
      filter.push(compileTypes(query.types));
    }
    if (query.filters) {
      filter.push(
        compileFilterGroup(await expandRelationFilters(this.engine, this.alias, query.filters)),
      );
    }
    const words = query.search ? compileSearch(query.search) : undefined;
    return { bool: { filter, ...(words ? { must: [words] } : {}) } };
  }
}
