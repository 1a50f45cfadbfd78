import { Inject, Injectable } from '@nestjs/common';
import type { FilterGroup } from '@lib/kernel';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { InvalidQueryError, SearchIndex, listOrder } from '@lib/search-index';
import { REF_RELATIONSHIP_TYPES, isTypeOf } from '@lib/stix';
import { SELECTED_LEAF_FIELDS } from '../schema/selected-fields.constants';
import type { KnowledgeQuerySpec } from '../schema/knowledge-queries.constants';
import type { ListArgs } from './knowledge-args.types';
import { idValues, listFilters, withInternalIds } from './filter-translation.util';
import { KnowledgeNode } from './knowledge-node.model';
import { refRelationsOf } from './ref-relations.util';
import type { ConnectionValue } from './connection-value.util';

export const MAX_PAGE_SIZE = 5000;
const DEFAULT_PAGE_SIZE = 500;

const KNOWN_ATTRIBUTES = new Set(
  Object.values(SELECTED_LEAF_FIELDS).flatMap((fields) => fields.split(' ')),
);
export const isKnownAttribute = (key: string) => KNOWN_ATTRIBUTES.has(key);

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
    if (spec.relationArgs === 'ref') {
      return this.listRefs(ctx, args, first);
    }
    const filters = await this.resolvedFilters(ctx, listFilters(args, isKnownAttribute));
    const types = args.types && args.types.length > 0 ? args.types : spec.types;
    const page = await this.index.search(ctx, {
      types,
      ...(filters ? { filters } : {}),
      ...(args.search ? { search: args.search } : {}),
      first,
      ...(args.after ? { after: args.after } : {}),
      ...listOrder(args),
    });
    return {
      edges: page.items.map((item, i) => ({
        cursor: page.cursors[i] ?? '',
        node: new KnowledgeNode(item),
      })),
      pageInfo: page.pageInfo,
    };
  }

  /** A list's filter arguments as one tree, ids resolved to internal ids (list exports). */
  queryFilters(ctx: AccessContext, args: ListArgs): Promise<FilterGroup | undefined> {
    return this.resolvedFilters(ctx, listFilters(args, isKnownAttribute));
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

  /**
   * Ref relationships from the elements `fromId`/`fromOrToId` designate, or pointing to `toId`
   * (found through the index by ref type). Pages by offset: refs are few per element.
   */
  private async listRefs(
    ctx: AccessContext,
    args: ListArgs,
    first: number,
  ): Promise<ConnectionValue> {
    const asList = (v: string | string[] | null | undefined) => (v ? [v].flat() : []);
    const fromKeys = [...asList(args.fromId), ...asList(args.fromOrToId)];
    const toKeys = asList(args.toId);
    const types = args.relationship_type ?? [];
    const resolved = await this.store.resolve(ctx, [...fromKeys, ...toKeys]);
    const idsOf = (keys: string[]) =>
      keys.flatMap((k) => (resolved.get(k) ?? []).map((e) => e.internalId));
    const toIds = toKeys.length > 0 ? new Set(idsOf(toKeys)) : undefined;
    let sources: StoredElement[];
    if (fromKeys.length > 0) {
      sources = fromKeys.flatMap((k) => resolved.get(k) ?? []);
    } else if (toIds && toIds.size > 0) {
      const refTypes = types.length > 0 ? types : REF_RELATIONSHIP_TYPES;
      const page = await this.index.search(ctx, {
        filters: {
          mode: 'or',
          filters: refTypes.map((t) => ({ key: [t], values: [...toIds] })),
          filterGroups: [],
        },
        first: MAX_PAGE_SIZE,
      });
      sources = page.items;
    } else {
      sources = [];
    }
    const all = sources.flatMap((s) => refRelationsOf(s, types, toIds));
    const offset = args.after ? Number(args.after) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw new InvalidQueryError(`Invalid cursor "${String(args.after)}"`, { field: 'after' });
    }
    const items = all.slice(offset, offset + first);
    return {
      edges: items.map((item, i) => ({
        cursor: String(offset + i + 1),
        node: new KnowledgeNode(item),
      })),
      pageInfo: {
        startCursor: items.length > 0 ? String(offset + 1) : null,
        endCursor: items.length > 0 ? String(offset + items.length) : null,
        hasNextPage: offset + items.length < all.length,
        hasPreviousPage: offset > 0,
        globalCount: all.length,
      },
    };
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
