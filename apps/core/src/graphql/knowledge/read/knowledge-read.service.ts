import { Inject, Injectable } from '@nestjs/common';
import type { FilterGroup } from '@lib/kernel';
import { EntityStore } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { InvalidQueryError, SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { SELECTED_LEAF_FIELDS } from '../schema/selected-fields.constants';
import type { KnowledgeQuerySpec } from '../schema/knowledge-queries.constants';
import type { ListArgs } from './knowledge-args.types';
import { idValues, listFilters, withInternalIds } from './filter-translation.util';
import { KnowledgeNode, connectionValue } from './knowledge-node';
import type { ConnectionValue } from './knowledge-node';

export const MAX_PAGE_SIZE = 5000;
const DEFAULT_PAGE_SIZE = 500;

const KNOWN_ATTRIBUTES = new Set(
  Object.values(SELECTED_LEAF_FIELDS).flatMap((fields) => fields.split(' ')),
);
const isKnownAttribute = (key: string) => KNOWN_ATTRIBUTES.has(key);

/** Lists and single reads of knowledge through the SearchIndex and EntityStore ports. */
@Injectable()
export class KnowledgeReadService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  async list(
    ctx: AccessContext,
    spec: KnowledgeQuerySpec,
    args: ListArgs,
  ): Promise<ConnectionValue> {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw new InvalidQueryError(`first must be between 0 and ${MAX_PAGE_SIZE}`, {
        field: 'first',
        first,
      });
    }
    const filters = await this.resolvedFilters(ctx, listFilters(args, isKnownAttribute));
    const types = args.types && args.types.length > 0 ? args.types : spec.types;
    const page = await this.index.search(ctx, {
      types,
      ...(filters ? { filters } : {}),
      ...(args.search ? { search: args.search } : {}),
      first,
      ...(args.after ? { after: args.after } : {}),
      ...(args.orderBy ? { orderBy: args.orderBy } : {}),
      ...(args.orderMode ? { orderMode: args.orderMode } : {}),
    });
    return {
      edges: page.items.map((item, i) => ({
        cursor: page.cursors[i] ?? '',
        node: new KnowledgeNode(item),
      })),
      pageInfo: page.pageInfo,
    };
  }

  /** One element by internal id, standard id or any STIX id, restricted to the query's types. */
  async read(
    ctx: AccessContext,
    types: readonly string[],
    id: string,
  ): Promise<KnowledgeNode | null> {
    const found = (await this.store.resolve(ctx, [id])).get(id) ?? [];
    const match = found.find((e) => types.some((t) => isTypeOf(e.entityType, t)));
    return match ? new KnowledgeNode(match) : null;
  }

  emptyConnection(): ConnectionValue {
    return connectionValue([]);
  }

  private async resolvedFilters(
    ctx: AccessContext,
    filters: FilterGroup | undefined,
  ): Promise<FilterGroup | undefined> {
    if (!filters) return undefined;
    const ids = [...new Set(idValues(filters))];
    if (ids.length === 0) return filters;
    const resolved = await this.store.resolve(ctx, ids);
    const internal = new Map<string, string[]>();
    for (const [key, elements] of resolved) {
      if (elements.length > 0)
        internal.set(
          key,
          elements.map((e) => e.internalId),
        );
    }
    return withInternalIds(filters, internal);
  }
}
