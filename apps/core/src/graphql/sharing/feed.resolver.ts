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
import { FeedCollectionsService } from '@lib/sharing';
import type { Feed, FeedFormat } from '@lib/sharing';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import {
  MemberAccessInput,
  SharingCollectionModel,
  sharingCollectionFields,
} from './sharing-collection.model';
import { CollectionQueries } from './collection-queries.resolver';

@ObjectType('FeedMapping')
class FeedMappingModel {
  @Field(() => String) type!: string;
  @Field(() => String) attribute!: string;
}

@ObjectType('FeedAttribute')
class FeedAttributeModel {
  @Field(() => String) attribute!: string;
  @Field(() => [FeedMappingModel]) mappings!: FeedMappingModel[];
}

@InputType('FeedMappingInput')
class FeedMappingInput {
  @Field(() => String) type!: string;
  @Field(() => String) attribute!: string;
}

@InputType('FeedAttributeInput')
class FeedAttributeInput {
  @Field(() => String) attribute!: string;
  @Field(() => [FeedMappingInput]) mappings!: FeedMappingInput[];
}

/** A pull feed (`GET /feeds/<id>`): CSV, plain text or JSON of elements by type and filters. */
@ObjectType('Feed')
export class FeedModel extends SharingCollectionModel {
  @Field(() => String, { description: 'csv, txt or json.' }) format!: FeedFormat;
  @Field(() => String) separator!: string;
  @Field(() => Boolean) include_header!: boolean;
  @Field(() => Int, { description: 'Minutes back from now; 0: no window.' })
  rolling_time!: number;
  @Field(() => [String]) feed_types!: string[];
  @Field(() => [FeedAttributeModel]) feed_attributes!: FeedAttributeModel[];
  @Field(() => Boolean) feed_public!: boolean;
}

@ObjectType('FeedEdge')
class FeedEdge {
  @Field(() => String) cursor!: string;
  @Field(() => FeedModel) node!: FeedModel;
}

@ObjectType('FeedConnection')
class FeedConnection {
  @Field(() => [FeedEdge]) edges!: FeedEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

@InputType('FeedAddInput')
class FeedAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) filters?: string | null;
  @Field(() => [String]) feed_types!: string[];
  @Field(() => [FeedAttributeInput]) feed_attributes!: FeedAttributeInput[];
  @Field(() => String, { nullable: true }) format?: FeedFormat | null;
  @Field(() => String, { nullable: true }) separator?: string | null;
  @Field(() => Boolean, { nullable: true }) include_header?: boolean | null;
  @Field(() => Int, { nullable: true }) rolling_time?: number | null;
  @Field(() => Boolean, { nullable: true }) feed_public?: boolean | null;
  @Field(() => [MemberAccessInput], { nullable: true })
  authorized_members?: MemberAccessInput[] | null;
}

@ObjectType('FeedEditMutations')
export class FeedEditMutations {
  constructor(readonly feedId: string) {}
}

function modelOf(f: Feed): FeedModel {
  return {
    ...sharingCollectionFields(f, 'Feed'),
    format: f.format,
    separator: f.separator,
    include_header: f.includeHeader,
    rolling_time: f.rollingTime,
    feed_types: f.types,
    feed_attributes: f.attributes,
    feed_public: f.public,
  };
}

/** Pull feeds: listing, one by id, add, and `feedEdit(id)`. */
@Resolver(() => FeedModel)
export class FeedResolver extends CollectionQueries({
  model: FeedModel,
  connection: FeedConnection,
  one: 'feed',
  many: 'feeds',
  capability: 'TAXIIAPI',
  modelOf: modelOf,
}) {
  constructor(@Inject(FeedCollectionsService) readonly source: FeedCollectionsService) {
    super();
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => FeedModel)
  async feedAdd(
    @Args('input', { type: () => FeedAddInput }) input: FeedAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return modelOf(await this.source.add(accessOf(ctx), input));
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => FeedEditMutations, { nullable: true })
  feedEdit(@Args('id', { type: () => ID }) id: string) {
    return new FeedEditMutations(id);
  }
}

@Resolver(() => FeedEditMutations)
export class FeedEditResolver {
  constructor(@Inject(FeedCollectionsService) private readonly feeds: FeedCollectionsService) {}

  @ResolveField(() => FeedModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: FeedEditMutations,
    @Args('input', { type: () => [EditInput] }) input: EditInput[],
  ) {
    const patches = input.map((i) => ({ key: i.key, value: i.value }));
    return modelOf(await this.feeds.edit(edit.feedId, patches));
  }

  @ResolveField(() => ID, { nullable: true })
  async delete(@Parent() edit: FeedEditMutations): Promise<string> {
    return this.feeds.delete(edit.feedId);
  }
}
