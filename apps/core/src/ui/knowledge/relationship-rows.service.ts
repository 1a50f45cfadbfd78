import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { Filter } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import type { RelationshipRow } from '../pages/entity.page';
import { labelOf } from './element-rows.service';

const MAX_RELATIONSHIPS = 500;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export type RelationshipQuery = {
  /** `stix-core-relationship`, `stix-sighting-relationship`, or concrete types (`based-on`). */
  types: readonly string[];
  /** Only those of which the element is the source (`from`) or the target (`to`). */
  side?: 'from' | 'to';
};

/**
 * An element's relationships (up to 500) with the other end named, through the search the
 * GraphQL `stixCoreRelationships(fromOrToId)` list uses; an end the reader may not see stays
 * unnamed.
 */
@Injectable()
export class RelationshipRows {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  async of(
    ctx: AccessContext,
    element: StoredElement,
    query: RelationshipQuery,
  ): Promise<{ rows: RelationshipRow[]; others: Map<string, StoredElement> }> {
    const key = query.side === 'from' ? 'fromId' : query.side === 'to' ? 'toId' : 'fromOrToId';
    const filters: Filter[] = [{ key: [key], values: [element.internalId] }];
    const page = await this.index.search(ctx, {
      types: query.types,
      filters: { mode: 'and', filters, filterGroups: [] },
      first: MAX_RELATIONSHIPS,
    });
    const otherIds = page.items.map((r) =>
      r.fromId === element.internalId ? (r.toId ?? '') : (r.fromId ?? ''),
    );
    const others = await this.store.getMany(ctx, otherIds);
    const rows = page.items.map((r, i): RelationshipRow => {
      const other = others.get(otherIds[i] ?? '');
      return {
        id: r.internalId,
        type: str(r.attributes.relationship_type) ?? r.entityType,
        direction: r.fromId === element.internalId ? 'from' : 'to',
        other: other
          ? { id: other.internalId, name: labelOf(other), entityType: other.entityType }
          : undefined,
        start: str(r.attributes.start_time) ?? str(r.attributes.first_seen),
        stop: str(r.attributes.stop_time) ?? str(r.attributes.last_seen),
        confidence:
          typeof r.attributes.confidence === 'number' ? r.attributes.confidence : undefined,
        core: isTypeOf(r.entityType, 'stix-core-relationship'),
      };
    });
    return { rows, others: new Map(others) };
  }
}
