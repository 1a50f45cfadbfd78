import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { MemberAccessInput, SharingCollectionModel } from '../sharing/sharing-collection.model';

@ObjectType('StreamConnection')
export class StreamConnectionModel {
  @Field(() => ID) id!: string;
  @Field(() => String) user_id!: string;
  @Field(() => String) connected_at!: string;
  @Field(() => String, { nullable: true }) last_event_id!: string | null;
  @Field(() => Int) delivered!: number;
}

/** A live stream defined by filters (connector-protocol.md §4.8), served at `/stream/<id>`. */
@ObjectType('StreamCollection')
export class StreamCollectionModel extends SharingCollectionModel {
  @Field(() => Boolean) stream_live!: boolean;
  @Field(() => Boolean) stream_public!: boolean;
}

@ObjectType('StreamCollectionEdge')
export class StreamCollectionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => StreamCollectionModel) node!: StreamCollectionModel;
}

@InputType('StreamCollectionAddInput')
export class StreamCollectionAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) filters?: string | null;
  @Field(() => Boolean, { nullable: true }) stream_live?: boolean | null;
  @Field(() => Boolean, { nullable: true }) stream_public?: boolean | null;
  @Field(() => [MemberAccessInput], { nullable: true })
  authorized_members?: MemberAccessInput[] | null;
}

/** `streamCollectionEdit(id)`: the operations on one collection. */
@ObjectType('StreamCollectionEditMutations')
export class StreamCollectionEditMutations {
  constructor(readonly collectionId: string) {}
}
