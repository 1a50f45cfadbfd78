import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  Field,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { TaxiiCollectionsService } from '@lib/sharing';
import type { TaxiiCollection } from '@lib/sharing';
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

/** A TAXII 2.1 collection defined by filters (connector-protocol.md §5), served at /taxii2/. */
@ObjectType('TaxiiCollection')
export class TaxiiCollectionModel extends SharingCollectionModel {
  @Field(() => Boolean) taxii_public!: boolean;
  @Field(() => Boolean, { description: 'Envelopes may be POSTed to it.' }) taxii_write!: boolean;
  @Field(() => Boolean, { description: 'Objects may be deleted through it.' })
  taxii_delete!: boolean;
  @Field(() => Boolean) score_to_confidence!: boolean;
  @Field(() => Boolean) include_inferences!: boolean;
}

@ObjectType('TaxiiCollectionEdge')
class TaxiiCollectionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => TaxiiCollectionModel) node!: TaxiiCollectionModel;
}

@ObjectType('TaxiiCollectionConnection')
class TaxiiCollectionConnection {
  @Field(() => [TaxiiCollectionEdge]) edges!: TaxiiCollectionEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

@InputType('TaxiiCollectionAddInput')
class TaxiiCollectionAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) filters?: string | null;
  @Field(() => Boolean, { nullable: true }) taxii_public?: boolean | null;
  @Field(() => Boolean, { nullable: true }) taxii_write?: boolean | null;
  @Field(() => Boolean, { nullable: true }) taxii_delete?: boolean | null;
  @Field(() => Boolean, { nullable: true }) score_to_confidence?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'No inferences exist yet: ignored.' })
  include_inferences?: boolean | null;
  @Field(() => [MemberAccessInput], { nullable: true })
  authorized_members?: MemberAccessInput[] | null;
}

@ObjectType('TaxiiCollectionEditMutations')
export class TaxiiCollectionEditMutations {
  constructor(readonly collectionId: string) {}
}

function modelOf(c: TaxiiCollection): TaxiiCollectionModel {
  return {
    ...sharingCollectionFields(c, 'TaxiiCollection'),
    taxii_public: c.public,
    taxii_write: c.allowWrite,
    taxii_delete: c.allowDelete,
    score_to_confidence: c.scoreToConfidence,
    include_inferences: false,
  };
}

/** TAXII collections: listing, one by id, add, and `taxiiCollectionEdit(id)`. */
@Resolver(() => TaxiiCollectionModel)
export class TaxiiCollectionResolver extends CollectionQueries({
  model: TaxiiCollectionModel,
  connection: TaxiiCollectionConnection,
  one: 'taxiiCollection',
  many: 'taxiiCollections',
  capability: 'TAXIIAPI',
  modelOf: modelOf,
}) {
  constructor(@Inject(TaxiiCollectionsService) readonly source: TaxiiCollectionsService) {
    super();
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => TaxiiCollectionModel)
  async taxiiCollectionAdd(
    @Args('input', { type: () => TaxiiCollectionAddInput }) input: TaxiiCollectionAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return modelOf(await this.source.add(accessOf(ctx), input));
  }

  @RequireCapabilities('TAXIIAPI_SETCOLLECTIONS')
  @Mutation(() => TaxiiCollectionEditMutations, { nullable: true })
  taxiiCollectionEdit(@Args('id', { type: () => ID }) id: string) {
    return new TaxiiCollectionEditMutations(id);
  }
}

@Resolver(() => TaxiiCollectionEditMutations)
export class TaxiiCollectionEditResolver {
  constructor(
    @Inject(TaxiiCollectionsService) private readonly collections: TaxiiCollectionsService,
  ) {}

  @ResolveField(() => TaxiiCollectionModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: TaxiiCollectionEditMutations,
    @Args('input', { type: () => [EditInput] }) input: EditInput[],
  ) {
    const patches = input.map((i) => ({ key: i.key, value: i.value }));
    return modelOf(await this.collections.edit(edit.collectionId, patches));
  }

  @ResolveField(() => ID, { nullable: true })
  async delete(@Parent() edit: TaxiiCollectionEditMutations): Promise<string> {
    return this.collections.delete(edit.collectionId);
  }
}
