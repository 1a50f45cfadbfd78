import type { Type } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { DirectoryQuery } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup, Page } from '@lib/kernel';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { FilterGroupInput, OrderingModeValues } from '../knowledge/schema/filter-group.input';
import { ACCESS_ADMIN } from './access-admin.constants';
import { connectionOf } from './access-views.util';

/** Where users, groups or roles are read. */
export type AccessSource = {
  list(query: DirectoryQuery): Promise<Page<StoredElement>>;
  find(id: string): Promise<StoredElement | undefined>;
};

/**
 * The two read queries of users, groups and roles as pycti sends them (`users(first, after,
 * orderBy, orderMode, filters, search)` and `user(id)`…), for access administrators; a resolver
 * extends the class this returns and names its `source`.
 */
export function AccessQueries<M>(spec: {
  model: Type<M>;
  connection: Type<unknown>;
  ordering: object;
  one: string;
  many: string;
  view: (element: StoredElement) => M;
}) {
  @Resolver({ isAbstract: true })
  abstract class Queries {
    abstract readonly source: AccessSource;

    @RequireCapabilities(ACCESS_ADMIN)
    @Query(() => spec.connection, { name: spec.many, nullable: true })
    async many(
      @Args('first', { type: () => Int, nullable: true }) first: number | null,
      @Args('after', { type: () => ID, nullable: true }) after: string | null,
      @Args('orderBy', { type: () => spec.ordering, nullable: true }) orderBy: string | null,
      @Args('orderMode', { type: () => OrderingModeValues, nullable: true })
      orderMode: 'asc' | 'desc' | null,
      @Args('filters', { type: () => FilterGroupInput, nullable: true })
      filters: FilterGroupInput | null,
      @Args('search', { type: () => String, nullable: true }) search: string | null,
    ) {
      const page = await this.source.list({
        first,
        after,
        orderBy: orderBy === '_score' ? null : orderBy,
        orderMode,
        filters: filters as FilterGroup | null,
        search,
      });
      return connectionOf(page, spec.view);
    }

    @RequireCapabilities(ACCESS_ADMIN)
    @Query(() => spec.model, { name: spec.one, nullable: true })
    async one(@Args('id', { type: () => String }) id: string): Promise<M | null> {
      const found = await this.source.find(id);
      return found ? spec.view(found) : null;
    }
  }
  return Queries;
}
