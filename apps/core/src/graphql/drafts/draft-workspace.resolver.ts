import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { DraftsService, draftCounts } from '@lib/drafts';
import type { DraftWorkspace } from '@lib/drafts';
import { WorkService } from '@lib/works';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { WorkModel } from '../connectors/work.model';
import { workModelOf } from '../connectors/work-view.util';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { CollectionQueries } from '../sharing/collection-queries.resolver';

@InputType('DraftWorkspaceAddInput')
export class DraftWorkspaceAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) entity_id?: string | null;
}

@ObjectType('DraftObjectsCount')
export class DraftObjectsCountModel {
  @Field(() => Int) totalCount!: number;
  @Field(() => Int) entitiesCount!: number;
  @Field(() => Int) observablesCount!: number;
  @Field(() => Int) relationshipsCount!: number;
  @Field(() => Int) sightingsCount!: number;
  @Field(() => Int) containersCount!: number;
}

@ObjectType('DraftWorkspace')
export class DraftWorkspaceModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) entity_id!: string | null;
  @Field(() => String, { description: 'open, or validated' }) draft_status!: string;
  @Field(() => String) created_at!: string;
  @Field(() => String) creator_id!: string;
  @Field(() => String, { nullable: true }) validated_at!: string | null;
  @Field(() => String, { nullable: true }) validation_work_id!: string | null;
}

@ObjectType('DraftWorkspaceEdge')
class DraftWorkspaceEdge {
  @Field(() => String) cursor!: string;
  @Field(() => DraftWorkspaceModel) node!: DraftWorkspaceModel;
}

@ObjectType('DraftWorkspaceConnection')
class DraftWorkspaceConnection {
  @Field(() => [DraftWorkspaceEdge]) edges!: DraftWorkspaceEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

function modelOf(d: DraftWorkspace): DraftWorkspaceModel {
  return {
    id: d.id,
    name: d.name,
    entity_id: d.entityId,
    draft_status: d.status,
    created_at: d.createdAt,
    creator_id: d.creatorId,
    validated_at: d.validatedAt,
    validation_work_id: d.validationWorkId,
  };
}

/**
 * Draft workspaces: pycti's `draftWorkspaceAdd` (imports with `validation_mode: draft`), review
 * of what they staged (counts, and the objects as a STIX bundle, as the reader may see them),
 * validation (an import work) and deletion.
 */
@Resolver(() => DraftWorkspaceModel)
export class DraftWorkspaceResolver extends CollectionQueries({
  model: DraftWorkspaceModel,
  connection: DraftWorkspaceConnection,
  one: 'draftWorkspace',
  many: 'draftWorkspaces',
  capability: 'KNOWLEDGE',
  modelOf: modelOf,
}) {
  constructor(
    @Inject(DraftsService) readonly source: DraftsService,
    @Inject(WorkService) private readonly works: WorkService,
  ) {
    super();
  }

  // Keyed by the draft object a request resolves: gone with the request.
  private readonly staged = new WeakMap<
    DraftWorkspaceModel,
    ReturnType<DraftsService['objects']>
  >();

  @RequireCapabilities('KNOWLEDGE_KNUPDATE', 'CONNECTORAPI')
  @Mutation(() => DraftWorkspaceModel)
  async draftWorkspaceAdd(
    @Args('input', { type: () => DraftWorkspaceAddInput }) input: DraftWorkspaceAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return modelOf(
      await this.source.create(accessOf(ctx), { name: input.name, entityId: input.entity_id }),
    );
  }

  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  @Mutation(() => WorkModel)
  async draftWorkspaceValidate(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const workId = await this.source.validate(accessOf(ctx), id);
    const work = await this.works.find(workId);
    if (!work) throw new Error(`The validation work ${workId} of draft ${id} is gone`);
    return workModelOf(work, null);
  }

  @RequireCapabilities('KNOWLEDGE_KNUPDATE')
  @Mutation(() => ID)
  draftWorkspaceDelete(@Args('id', { type: () => ID }) id: string) {
    return this.source.delete(id);
  }

  @ResolveField(() => DraftObjectsCountModel)
  async objectsCount(
    @Parent() draft: DraftWorkspaceModel,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return draftCounts(await this.objectsOf(draft, ctx));
  }

  @ResolveField(() => String, {
    description: 'What the draft holds that the reader may see, as a STIX 2.1 bundle (JSON)',
  })
  async bundle(@Parent() draft: DraftWorkspaceModel, @Context() ctx: KnowledgeGraphqlContext) {
    const objects = await this.objectsOf(draft, ctx);
    return JSON.stringify({ type: 'bundle', id: `bundle--${draft.id}`, objects });
  }

  /** A draft's visible objects, read once per draft of a request (counts and bundle share it). */
  private objectsOf(draft: DraftWorkspaceModel, ctx: KnowledgeGraphqlContext) {
    let read = this.staged.get(draft);
    if (!read) {
      read = this.source.objects(accessOf(ctx), draft.id);
      this.staged.set(draft, read);
    }
    return read;
  }
}
