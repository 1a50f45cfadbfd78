import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import type { CollectionBase } from '@lib/streams';

@ObjectType('StreamCollectionMember')
export class CollectionMemberModel {
  @Field(() => ID) id!: string;
  @Field(() => String) access_right!: string;
}

@InputType('MemberAccessInput')
export class MemberAccessInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) access_right?: string | null;
}

/** The fields every sharing collection (live stream, TAXII) shows. */
@ObjectType({ isAbstract: true })
export abstract class SharingCollectionModel {
  @Field(() => ID) id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'A FilterGroup as JSON.' })
  filters!: string | null;
  @Field(() => [CollectionMemberModel], { nullable: true })
  authorized_members!: CollectionMemberModel[];
  @Field(() => String, { nullable: true }) created_at!: string;
  @Field(() => String, { nullable: true }) updated_at!: string;
}

export function sharingCollectionFields(
  c: CollectionBase,
  entityType: string,
): SharingCollectionModel {
  return {
    id: c.id,
    entity_type: entityType,
    name: c.name,
    description: c.description,
    filters: c.filters || null,
    authorized_members: c.authorizedMembers.map((m) => ({ id: m.id, access_right: m.accessRight })),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** A list of collections as a connection: the first `first` (1..1000, default 500). */
export function collectionConnection<C extends { id: string }, M>(
  all: readonly C[],
  first: number | null,
  model: (c: C) => M,
) {
  const items = all.slice(0, Math.min(Math.max(first ?? 500, 1), 1000));
  return {
    edges: items.map((c) => ({ cursor: c.id, node: model(c) })),
    pageInfo: {
      startCursor: items[0]?.id ?? null,
      endCursor: items.at(-1)?.id ?? null,
      hasNextPage: items.length < all.length,
      hasPreviousPage: false,
      globalCount: all.length,
    },
  };
}
