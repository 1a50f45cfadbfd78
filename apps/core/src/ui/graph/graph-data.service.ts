import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { labelOf } from '../knowledge/element-rows.service';
import { GraphQueryError } from './graph-query.util';
import type { GraphEdge, GraphNode, GraphPage, GraphQuery } from './graph.types';

const RELATIONSHIP_TYPES = ['stix-core-relationship', 'stix-sighting-relationship'];
const OFFSET_CURSOR = /^o:(\d{1,9})$/;

const nodeOf = (e: StoredElement): GraphNode => ({
  id: e.internalId,
  label: labelOf(e),
  type: e.entityType,
});

const edgeOf = (r: StoredElement): GraphEdge => ({
  id: r.internalId,
  source: r.fromId ?? '',
  target: r.toId ?? '',
  label: typeof r.attributes.relationship_type === 'string' ? r.attributes.relationship_type : '',
});

const ofTypes = (type: string, types: readonly string[]): boolean =>
  types.length === 0 || types.some((t) => isTypeOf(type, t));

const eq = (key: string, values: string[]) => ({ key: [key], values });

/**
 * The graph of an element, read page by page under the reader's access (search index and entity
 * store, markings applied in their queries: what he may not see is neither node nor edge).
 */
@Injectable()
export class GraphData {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  page(ctx: AccessContext, element: StoredElement, query: GraphQuery): Promise<GraphPage> {
    return isTypeOf(element.entityType, 'Container')
      ? this.container(ctx, element, query)
      : this.neighbourhood(ctx, element, query);
  }

  /** The element, its relationships (to the types asked for) and the elements at their other end. */
  private async neighbourhood(
    ctx: AccessContext,
    element: StoredElement,
    query: GraphQuery,
  ): Promise<GraphPage> {
    const id = element.internalId;
    const filters: FilterGroup =
      query.types.length === 0
        ? { mode: 'and', filters: [eq('fromOrToId', [id])], filterGroups: [] }
        : {
            mode: 'or',
            filters: [],
            filterGroups: [
              {
                mode: 'and',
                filters: [eq('fromId', [id]), eq('toTypes', query.types)],
                filterGroups: [],
              },
              {
                mode: 'and',
                filters: [eq('toId', [id]), eq('fromTypes', query.types)],
                filterGroups: [],
              },
            ],
          };
    const page = await this.index.search(ctx, {
      types: RELATIONSHIP_TYPES,
      filters,
      first: query.limit,
      after: query.after,
      orderBy: 'created_at',
      orderMode: 'asc',
    });
    const otherOf = (r: StoredElement): string => (r.fromId === id ? r.toId : r.fromId) ?? '';
    const others = await this.store.getMany(ctx, [...new Set(page.items.map(otherOf))]);
    const nodes = query.after ? [] : [nodeOf(element)];
    for (const other of others.values()) nodes.push(nodeOf(other));
    return {
      root: id,
      kind: 'neighbourhood',
      nodes,
      edges: page.items.filter((r) => others.has(otherOf(r))).map(edgeOf),
      pageInfo: {
        hasNextPage: page.pageInfo.hasNextPage,
        endCursor: page.pageInfo.endCursor,
        globalCount: page.pageInfo.globalCount,
      },
    };
  }

  /** The container's objects: entities as nodes (of the types asked for), relationships as edges. */
  private async container(
    ctx: AccessContext,
    element: StoredElement,
    query: GraphQuery,
  ): Promise<GraphPage> {
    const ids = element.refs.object ?? [];
    let offset = 0;
    if (query.after) {
      const match = OFFSET_CURSOR.exec(query.after);
      if (!match) throw new GraphQueryError('after must be the endCursor of the previous page');
      offset = Number(match[1]);
    }
    const slice = ids.slice(offset, offset + query.limit);
    const found = await this.store.getMany(ctx, slice);
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    for (const id of slice) {
      const e = found.get(id);
      if (!e) continue;
      if (e.baseType === 'RELATION') {
        if (e.fromId && e.toId) edges.push(edgeOf(e));
      } else if (ofTypes(e.entityType, query.types)) {
        nodes.push(nodeOf(e));
      }
    }
    const end = offset + slice.length;
    return {
      root: element.internalId,
      kind: 'container',
      nodes,
      edges,
      pageInfo: {
        hasNextPage: end < ids.length,
        endCursor: end < ids.length ? `o:${end}` : null,
      },
    };
  }
}
