import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditService } from '@lib/audit';
import { GroupsService } from '@lib/auth';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { ACCESSES_TO } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { StixRefScalar } from '../knowledge/schema/scalars.constants';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import {
  DefaultMarkingInput,
  DefaultMarkingModel,
  GroupAddInput,
  GroupConnection,
  GroupEditMutations,
  GroupModel,
  InternalRelationshipAddInput,
  InternalRelationshipModel,
  RoleConnection,
  UserConnection,
  GroupsOrdering,
} from './access.model';
import { ACCESS_ADMIN } from './access-admin.constants';
import { AuditedAccessEdits, recordAdminChange } from './access-audit.util';
import { AccessFieldsService } from './access-fields.service';
import { AccessQueries } from './access-queries.resolver';
import {
  groupView,
  listConnection,
  roleView,
  userView,
  shareableLimitsOf,
} from './access-views.util';
import { internalObjectOf, internalRelation } from './internal-relation.util';

/** Groups (pycti's `Group` entity): members, roles, allowed and default markings. */
@Resolver(() => GroupModel)
export class GroupResolver extends AccessQueries({
  model: GroupModel,
  connection: GroupConnection,
  ordering: GroupsOrdering,
  one: 'group',
  many: 'groups',
  view: groupView,
}) {
  constructor(
    @Inject(GroupsService) private readonly service: GroupsService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {
    super();
  }

  get source() {
    return this.service;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => GroupModel, { nullable: true })
  async groupAdd(
    @Args('input', { type: () => GroupAddInput }) input: GroupAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<GroupModel> {
    const group = groupView(await this.service.add(input));
    recordAdminChange(this.audit, ctx, 'create', group, input);
    return group;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => GroupEditMutations, { nullable: true })
  groupEdit(@Args('id', { type: () => ID }) id: string): GroupEditMutations {
    return new GroupEditMutations(id);
  }

  @ResolveField(() => RoleConnection, { nullable: true })
  async roles(@Parent() group: GroupModel) {
    return listConnection((await this.service.roles(group.element)).map(roleView));
  }

  @ResolveField(() => UserConnection, { nullable: true })
  async members(@Parent() group: GroupModel) {
    return listConnection((await this.service.members(group.id)).map(userView));
  }

  @ResolveField(() => [knowledgeType('MarkingDefinition')], { nullable: true })
  allowed_marking(@Parent() group: GroupModel, @Context() ctx: KnowledgeGraphqlContext) {
    return this.fields.nodes(accessOf(ctx), group.element.refs[ACCESSES_TO] ?? []);
  }

  @ResolveField(() => [knowledgeType('MarkingDefinition')], { nullable: true })
  max_shareable_marking(@Parent() group: GroupModel, @Context() ctx: KnowledgeGraphqlContext) {
    const ids = shareableLimitsOf(group.element)
      .map((l) => l.value)
      .filter((v) => v !== 'none');
    return this.fields.nodes(accessOf(ctx), ids);
  }

  @ResolveField(() => [DefaultMarkingModel], { nullable: true })
  async default_marking(@Parent() group: GroupModel, @Context() ctx: KnowledgeGraphqlContext) {
    const stored = group.element.attributes.default_marking;
    const defaults = Array.isArray(stored)
      ? (stored as { entity_type: string; values: string[] }[])
      : [];
    return Promise.all(
      defaults.map(async (d) => ({
        entity_type: d.entity_type,
        values: await this.fields.nodes(accessOf(ctx), d.values),
      })),
    );
  }
}

/** `groupEdit(id)`: field patches, members, roles, markings, default markings, deletion. */
@Resolver(() => GroupEditMutations)
export class GroupEditResolver {
  constructor(
    @Inject(GroupsService) private readonly service: GroupsService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
    @Inject(AuditService) audit: AuditService,
  ) {
    this.edits = new AuditedAccessEdits(service, audit, groupView);
  }

  private readonly edits: AuditedAccessEdits<GroupModel>;

  @ResolveField(() => ID, { nullable: true })
  async delete(
    @Parent() edit: GroupEditMutations,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<string> {
    return this.edits.delete(ctx, edit.id);
  }

  @ResolveField(() => GroupModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: GroupEditMutations,
    @Args('input', { type: () => [EditInput], nullable: 'items' }) input: (EditInput | null)[],
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return this.edits.fieldPatch(ctx, edit.id, input);
  }

  @ResolveField(() => GroupModel, { nullable: true })
  async editDefaultMarking(
    @Parent() edit: GroupEditMutations,
    @Args('input', { type: () => DefaultMarkingInput }) input: DefaultMarkingInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const group = await this.service.defaultMarking(edit.id, input.entity_type, input.values ?? []);
    return this.edits.changed(ctx, group, input);
  }

  /** member-of (fromId: a user), has-role (toId: a role), accesses-to (toId: a marking). */
  @ResolveField(() => InternalRelationshipModel, { nullable: true })
  async relationAdd(
    @Parent() edit: GroupEditMutations,
    @Args('input', { type: () => InternalRelationshipAddInput })
    input: InternalRelationshipAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const target = input.toId ?? input.fromId ?? '';
    const group = await this.change(edit.id, input.relationship_type, target, true, ctx);
    if (input.relationship_type === 'member-of') {
      const user = await this.fields.directory.require('User', target);
      return internalRelation(
        'member-of',
        userView(user),
        groupView(group),
        user.internalId,
        group.internalId,
      );
    }
    const role =
      input.relationship_type === 'has-role'
        ? (await this.service.roles(group)).find((r) => r.internalId === target)
        : undefined;
    return internalRelation(
      input.relationship_type,
      groupView(group),
      internalObjectOf(role),
      group.internalId,
      target,
    );
  }

  @ResolveField(() => GroupModel, { nullable: true })
  async relationDelete(
    @Parent() edit: GroupEditMutations,
    @Args('relationship_type', { type: () => String }) type: string,
    @Context() ctx: KnowledgeGraphqlContext,
    @Args('toId', { type: () => StixRefScalar, nullable: true }) toId?: string | null,
    @Args('fromId', { type: () => StixRefScalar, nullable: true }) fromId?: string | null,
  ) {
    return groupView(await this.change(edit.id, type, toId ?? fromId ?? '', false, ctx));
  }

  private async change(
    id: string,
    type: string,
    target: string,
    add: boolean,
    ctx: KnowledgeGraphqlContext,
  ): Promise<StoredElement> {
    const group = await this.link(id, type, target, add, ctx);
    this.edits.changed(ctx, group, {
      [add ? 'relationship_added' : 'relationship_deleted']: type,
      target,
    });
    return group;
  }

  private async link(
    id: string,
    type: string,
    target: string,
    add: boolean,
    ctx: KnowledgeGraphqlContext,
  ): Promise<StoredElement> {
    switch (type) {
      case 'member-of': {
        const user = await this.fields.directory.require('User', target);
        const group = await this.fields.directory.require('Group', id);
        await this.fields.directory.link(
          'User',
          user.internalId,
          'member-of',
          group.internalId,
          add,
        );
        return group;
      }
      case 'has-role':
        return this.service.role(id, target, add);
      case 'accesses-to': {
        const [marking] = await this.fields.directory.visible(accessOf(ctx), [target]);
        if (!marking || marking.entityType !== 'Marking-Definition') {
          throw new AppError({
            code: 'ACCESS_ELEMENT_NOT_FOUND',
            category: 'not_found',
            message: `No marking definition ${target}`,
            details: { id: target },
          });
        }
        return this.service.marking(id, marking.internalId, add);
      }
      default:
        throw new AppError({
          code: 'ACCESS_RELATION_UNSUPPORTED',
          category: 'validation',
          message: `A group takes member-of, has-role or accesses-to relations, not ${type}`,
          details: { relationship_type: type },
        });
    }
  }
}
