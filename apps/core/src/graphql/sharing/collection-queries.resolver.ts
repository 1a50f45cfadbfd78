import type { Type } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import type { Capability } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { collectionConnection } from './sharing-collection.model';

/** Where a kind of collection is read: one by id, all (filtered by a search). */
export type CollectionSource<C> = {
  find(id: string): Promise<C | undefined>;
  list(search?: string | null): Promise<C[]>;
};

/**
 * The two read queries every collection-like kind has (`taxiiCollection(id)` and
 * `taxiiCollections(first, search)`…), under one capability; a resolver extends the class this
 * returns and names its `source`.
 */
export function CollectionQueries<C extends { id: string }, M>(spec: {
  model: Type<M>;
  connection: Type<unknown>;
  one: string;
  many: string;
  capability: Capability;
  modelOf: (c: C) => M;
}) {
  @Resolver({ isAbstract: true })
  abstract class Queries {
    abstract readonly source: CollectionSource<C>;

    @RequireCapabilities(spec.capability)
    @Query(() => spec.model, { name: spec.one, nullable: true })
    async one(@Args('id', { type: () => String }) id: string): Promise<M | null> {
      const found = await this.source.find(id);
      return found ? spec.modelOf(found) : null;
    }

    @RequireCapabilities(spec.capability)
    @Query(() => spec.connection, { name: spec.many })
    async many(
      @Args('first', { type: () => Int, nullable: true }) first: number | null,
      @Args('search', { type: () => String, nullable: true }) search: string | null,
    ) {
      return collectionConnection(await this.source.list(search), first, spec.modelOf);
    }
  }
  return Queries;
}
