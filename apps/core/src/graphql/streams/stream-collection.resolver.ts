import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  ID,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { LiveStreamService, StreamCollectionsService } from '@lib/streams';
import type { StreamCollection, StreamCollectionPatch } from '@lib/streams';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import { sharingCollectionFields } from '../sharing/sharing-collection.model';
import {
  StreamCollectionAddInput,
  StreamCollectionEdge,
  StreamCollectionEditMutations,
  StreamCollectionModel,
  StreamConnectionModel,
} from './stream-collection.model';
import { CollectionQueries } from '../sharing/collection-queries.resolver';

@ObjectType('StreamCollectionConnection')
export class StreamCollectionConnection {
  @Field(() => [StreamCollectionEdge]) edges!: StreamCollectionEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

function modelOf(c: StreamCollection): StreamCollectionModel {
  return {
    ...sharingCollectionFields(c, 'StreamCollection'),
    stream_live: c.live,
    stream_public: c.public,
  };
}

/** Live stream collections (connector-protocol.md §4.8): pycti's `streamCollection`, admin CRUD. */
@Resolver(() => StreamCollectionModel)
export class StreamCollectionResolver extends CollectionQueries({
  model: StreamCollectionModel,
  connection: StreamCollectionConnection,
  one: 'streamCollection',
  many: 'streamCollections',
  capability: 'TAXIIAPI',
  modelOf: modelOf,
}) {
  constructor(
    @Inject(StreamCollectionsService) readonly source: StreamCollectionsService,
    @Inject(LiveStreamService) private readonly streams: LiveStreamService,
  ) {
    super();
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => StreamCollectionModel)
  async streamCollectionAdd(
    @Args('input', { type: () => StreamCollectionAddInput }) input: StreamCollectionAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return modelOf(await this.source.add(accessOf(ctx), input));
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => StreamCollectionEditMutations, { nullable: true })
  streamCollectionEdit(@Args('id', { type: () => ID }) id: string): StreamCollectionEditMutations {
    return new StreamCollectionEditMutations(id);
  }

  @ResolveField(() => [StreamConnectionModel], {
    description: 'Clients connected to this core process.',
  })
  connections(@Parent() parent: StreamCollectionModel) {
    return this.streams.connections(parent.id).map((c) => ({
      id: c.id,
      user_id: c.userId,
      connected_at: c.connectedAt,
      last_event_id: c.lastEventId ?? null,
      delivered: c.delivered,
    }));
  }
}

/** The operations of `streamCollectionEdit(id)`. */
@Resolver(() => StreamCollectionEditMutations)
export class StreamCollectionEditResolver {
  constructor(
    @Inject(StreamCollectionsService) private readonly collections: StreamCollectionsService,
  ) {}

  @ResolveField(() => StreamCollectionModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: StreamCollectionEditMutations,
    @Args('input', { type: () => [EditInput] }) input: EditInput[],
  ) {
    const patches: StreamCollectionPatch[] = input.map((i) => ({ key: i.key, value: i.value }));
    return modelOf(await this.collections.edit(edit.collectionId, patches));
  }

  @ResolveField(() => ID, { nullable: true })
  async delete(@Parent() edit: StreamCollectionEditMutations): Promise<string> {
    return this.collections.delete(edit.collectionId);
  }
}
