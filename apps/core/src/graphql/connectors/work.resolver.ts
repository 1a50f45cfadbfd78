import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { ConnectorRegistryService } from '@lib/connectors';
import type { StoredElement } from '@lib/entity-store';
import { EntityStore } from '@lib/entity-store';
import type { FilterGroup } from '@lib/kernel';
import { WorkListService, WorkService } from '@lib/works';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { FilterGroupInput, OrderingModeValues } from '../knowledge/schema/filter-group.input';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import {
  WorkEdge,
  WorkEditMutations,
  WorkErrorInput,
  WorkModel,
  WorksOrderingValues,
} from './work.model';
import { workModelOf } from './work-view.util';

@ObjectType()
export class WorkConnection {
  @Field(() => [WorkEdge]) edges!: WorkEdge[];
  @Field(() => knowledgeType('PageInfo'), { nullable: true }) pageInfo!: unknown;
}

/** Works: reads, `workAdd`, and the `workEdit(id)` operations (connector-protocol.md §3). */
@Resolver(() => WorkModel)
export class WorkResolver {
  constructor(
    @Inject(WorkService) private readonly workService: WorkService,
    @Inject(WorkListService) private readonly list: WorkListService,
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(EntityStore) private readonly store: EntityStore,
  ) {}

  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  @Query(() => WorkModel, { nullable: true })
  async work(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<WorkModel | null> {
    const work = await this.workService.find(id);
    return work ? this.model(work, ctx) : null;
  }

  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  @Query(() => WorkConnection, { nullable: true })
  async works(
    @Context() ctx: KnowledgeGraphqlContext,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => WorksOrderingValues, nullable: true }) orderBy: string | null,
    @Args('orderMode', { type: () => OrderingModeValues, nullable: true })
    orderMode: 'asc' | 'desc' | null,
    @Args('filters', { type: () => FilterGroupInput, nullable: true })
    filters: FilterGroupInput | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
  ): Promise<WorkConnection> {
    const page = await this.list.page({
      first: Math.min(Math.max(first ?? 50, 1), 500),
      ...(after ? { after } : {}),
      ...(orderBy ? { orderBy: orderBy as 'timestamp' } : {}),
      ...(orderMode ? { orderMode } : {}),
      ...(filters ? { filters: filters as FilterGroup } : {}),
      ...(search ? { search } : {}),
    });
    const edges = await Promise.all(
      page.items.map(async (item, i) => ({
        cursor: page.cursors[i] ?? '',
        node: await this.model(item, ctx),
      })),
    );
    return { edges, pageInfo: page.pageInfo };
  }

  @RequireCapabilities('MODULES', 'CONNECTORAPI')
  @Query(() => Boolean, { nullable: true })
  async isWorkAlive(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.workService.isAlive(id);
  }

  @RequireCapabilities('CONNECTORAPI', 'KNOWLEDGE_KNASKIMPORT')
  @Mutation(() => WorkModel, { nullable: true })
  async workAdd(
    @Context() ctx: KnowledgeGraphqlContext,
    @Args('connectorId', { type: () => String }) connectorId: string,
    @Args('friendlyName', { type: () => String, nullable: true }) friendlyName: string | null,
    @Args('isMultiPartWork', { type: () => Boolean, nullable: true }) multipart: boolean | null,
  ): Promise<WorkModel> {
    const connector = await this.registry.get(connectorId);
    const work = await this.workService.create({
      connectorId: connector.id,
      name: friendlyName ?? `${connector.name} run @ ${new Date().toISOString()}`,
      userId: accessOf(ctx).userId,
      multipart: multipart ?? false,
    });
    return this.model(work, ctx);
  }

  @RequireCapabilities('CONNECTORAPI', 'MODULES_MODMANAGE')
  @Mutation(() => WorkEditMutations, { nullable: true })
  workEdit(@Args('id', { type: () => ID }) id: string): WorkEditMutations {
    return new WorkEditMutations(id);
  }

  @RequireCapabilities('MODULES_MODMANAGE')
  @Mutation(() => ID, { nullable: true, description: 'Deletes every work of a connector.' })
  async workDelete(@Args('connectorId', { type: () => String }) connectorId: string) {
    for (const work of await this.list.all({ connectorId })) {
      await this.workService.delete(work.internalId);
    }
    return connectorId;
  }

  private async model(work: StoredElement, ctx: KnowledgeGraphqlContext): Promise<WorkModel> {
    const userId = work.attributes.user_id;
    const user =
      typeof userId === 'string' ? await this.store.get(accessOf(ctx), userId) : undefined;
    const name = typeof user?.attributes.name === 'string' ? user.attributes.name : null;
    return workModelOf(work, name);
  }
}

/** The operations of `workEdit(id)`; each returns the work id. */
@Resolver(() => WorkEditMutations)
export class WorkEditResolver {
  constructor(@Inject(WorkService) private readonly works: WorkService) {}

  @ResolveField(() => ID, { nullable: true })
  async toReceived(
    @Parent() edit: WorkEditMutations,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
  ): Promise<string> {
    await this.works.toReceived(edit.workId, message ?? undefined);
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async toProcessed(
    @Parent() edit: WorkEditMutations,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
    @Args('inError', { type: () => Boolean, nullable: true }) inError: boolean | null,
  ): Promise<string> {
    await this.works.toProcessed(edit.workId, message ?? undefined, inError ?? false);
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async addExpectations(
    @Parent() edit: WorkEditMutations,
    @Args('expectations', { type: () => Int, nullable: true }) expectations: number | null,
  ): Promise<string> {
    await this.works.addExpectations(edit.workId, Math.max(0, expectations ?? 0));
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async reportExpectation(
    @Parent() edit: WorkEditMutations,
    @Args('error', { type: () => WorkErrorInput, nullable: true }) error: WorkErrorInput | null,
  ): Promise<string> {
    const errors = error
      ? [
          {
            timestamp: new Date().toISOString(),
            message: error.error ?? 'error',
            source: error.source ?? '',
          },
        ]
      : [];
    await this.works.report(edit.workId, { processed: 1, errors });
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async ping(@Parent() edit: WorkEditMutations): Promise<string> {
    await this.works.ping(edit.workId);
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async addDraftContext(
    @Parent() edit: WorkEditMutations,
    @Args('draftContext', { type: () => String, nullable: true }) draftContext: string | null,
  ): Promise<string> {
    if (draftContext) await this.works.setDraftContext(edit.workId, draftContext);
    return edit.workId;
  }

  @ResolveField(() => ID, { nullable: true })
  async delete(@Parent() edit: WorkEditMutations): Promise<string> {
    await this.works.delete(edit.workId);
    return edit.workId;
  }
}
