import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { AuditService } from '@lib/audit';
import { SessionRegistry, UsersService } from '@lib/auth';
import { AppError, textOf } from '@lib/kernel';
import { hasCapability } from '@lib/rbac';
import { Authenticated, RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import { StixRefScalar } from '../knowledge/schema/scalars.constants';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import {
  ApiTokenModel,
  CapabilityModel,
  EffectiveConfidenceLevelModel,
  GroupConnection,
  InternalRelationshipAddInput,
  InternalRelationshipModel,
  RoleModel,
  SessionDetailModel,
  UserAddInput,
  UserConnection,
  UserEditMutations,
  UserModel,
  UserOrganizationConnection,
  UsersOrdering,
  UserTokenAddInput,
  UserTokenAddResultModel,
} from './access.model';
import { ACCESS_ADMIN } from './access-admin.constants';
import { AuditedAccessEdits, recordAdminChange } from './access-audit.util';
import { AccessFieldsService } from './access-fields.service';
import { AccessQueries } from './access-queries.resolver';
import { groupView, listConnection, roleView, userView } from './access-views.util';
import { internalObjectOf, internalRelation } from './internal-relation.util';

/** Users (pycti's `User` entity): list, read, me, add, edit, memberships, token rotation. */
@Resolver(() => UserModel)
export class UserResolver extends AccessQueries({
  model: UserModel,
  connection: UserConnection,
  ordering: UsersOrdering,
  one: 'user',
  many: 'users',
  view: userView,
}) {
  constructor(
    @Inject(UsersService) private readonly service: UsersService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(SessionRegistry) private readonly sessions_: SessionRegistry,
  ) {
    super();
  }

  get source() {
    return this.service;
  }

  @Authenticated()
  @Query(() => UserModel)
  async me(@Context() ctx: KnowledgeGraphqlContext): Promise<UserModel> {
    const found = await this.service.find(accessOf(ctx).userId);
    if (!found) {
      throw new AppError({
        code: 'AUTH_REQUIRED',
        category: 'forbidden',
        message: 'The caller is not a user',
      });
    }
    return userView(found);
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => UserModel, { nullable: true })
  async userAdd(
    @Args('input', { type: () => UserAddInput }) input: UserAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<UserModel> {
    const user = userView(await this.service.add(input));
    recordAdminChange(this.audit, ctx, 'create', user, input);
    return user;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => UserEditMutations, { nullable: true })
  userEdit(@Args('id', { type: () => ID }) id: string): UserEditMutations {
    return new UserEditMutations(id);
  }

  @ResolveField(() => [RoleModel], { nullable: true })
  async roles(@Parent() user: UserModel) {
    return (await this.fields.rolesOf(user.element)).map(roleView);
  }

  @ResolveField(() => GroupConnection, { nullable: true })
  async groups(@Parent() user: UserModel) {
    return listConnection((await this.fields.groupsOf(user.element)).map(groupView));
  }

  @ResolveField(() => UserOrganizationConnection, { nullable: true })
  async objectOrganization(@Parent() user: UserModel, @Context() ctx: KnowledgeGraphqlContext) {
    return listConnection(await this.fields.organizationsOf(accessOf(ctx), user.element));
  }

  @ResolveField(() => [knowledgeType('Organization')], { nullable: true })
  administrated_organizations(): unknown[] {
    return [];
  }

  @ResolveField(() => [CapabilityModel])
  capabilities(@Parent() user: UserModel) {
    return this.fields.capabilitiesOf(user.element);
  }

  @ResolveField(() => [CapabilityModel])
  capabilitiesInDraft(@Parent() user: UserModel) {
    return this.fields.capabilitiesOf(user.element);
  }

  @ResolveField(() => EffectiveConfidenceLevelModel, { nullable: true })
  effective_confidence_level(@Parent() user: UserModel) {
    return this.fields.effectiveConfidence(user.element);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Only the user himself and access administrators read it.',
  })
  api_token(@Parent() user: UserModel, @Context() ctx: KnowledgeGraphqlContext): string | null {
    const reader = accessOf(ctx);
    if (reader.userId !== user.id && !hasCapability(reader, ACCESS_ADMIN)) return null;
    return textOf(user.element.attributes.api_token) ?? null;
  }

  @ResolveField(() => [ApiTokenModel], {
    nullable: true,
    description: 'Only the user himself and access administrators read them.',
  })
  api_tokens(@Parent() user: UserModel, @Context() ctx: KnowledgeGraphqlContext) {
    const reader = accessOf(ctx);
    if (reader.userId !== user.id && !hasCapability(reader, ACCESS_ADMIN)) return null;
    const stored = user.element.attributes.api_tokens;
    return (Array.isArray(stored) ? (stored as ApiTokenModel[]) : []).map((t) => ({
      id: t.id,
      name: t.name,
      created_at: t.created_at,
      expires_at: t.expires_at,
    }));
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => UserTokenAddResultModel)
  async userAdminTokenAdd(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('input', { type: () => UserTokenAddInput }) input: UserTokenAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const added = await this.service.addToken(userId, input.name, input.duration);
    const user = userView(await this.service.require(userId));
    recordAdminChange(this.audit, ctx, 'update', user, { token_added: input.name });
    return added;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => ID, { nullable: true })
  async userAdminTokenRevoke(
    @Args('userId', { type: () => ID }) userId: string,
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const revoked = await this.service.revokeToken(userId, id);
    const user = userView(await this.service.require(userId));
    recordAdminChange(this.audit, ctx, 'update', user, { token_revoked: id });
    return revoked;
  }

  @ResolveField(() => [SessionDetailModel], {
    nullable: true,
    description: 'Live sessions, for the user himself and access administrators.',
  })
  async sessions(
    @Parent() user: UserModel,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<SessionDetailModel[] | null> {
    const reader = accessOf(ctx);
    if (reader.userId !== user.id && !hasCapability(reader, ACCESS_ADMIN)) return null;
    return (await this.sessions_.sessionsOf(user.id)).map(({ id, record }) => {
      const cookie = (record.cookie ?? {}) as { originalMaxAge?: unknown; expires?: unknown };
      const expires = typeof cookie.expires === 'string' ? Date.parse(cookie.expires) : NaN;
      return {
        id,
        created: typeof record.created_at === 'string' ? record.created_at : null,
        ttl: Number.isNaN(expires) ? null : Math.max(0, Math.round((expires - Date.now()) / 1000)),
        originalMaxAge:
          typeof cookie.originalMaxAge === 'number'
            ? Math.round(cookie.originalMaxAge / 1000)
            : null,
      };
    });
  }
}

/** `userEdit(id)`: field patches, memberships, organizations, token rotation, deletion. */
@Resolver(() => UserEditMutations)
export class UserEditResolver {
  constructor(
    @Inject(UsersService) private readonly service: UsersService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
    @Inject(AuditService) audit: AuditService,
  ) {
    this.edits = new AuditedAccessEdits(service, audit, userView);
  }

  private readonly edits: AuditedAccessEdits<UserModel>;

  @ResolveField(() => ID, { nullable: true })
  async delete(
    @Parent() edit: UserEditMutations,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<string> {
    return this.edits.delete(ctx, edit.id);
  }

  @ResolveField(() => UserModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: UserEditMutations,
    @Args('input', { type: () => [EditInput], nullable: 'items' }) input: (EditInput | null)[],
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return this.edits.fieldPatch(ctx, edit.id, input);
  }

  @ResolveField(() => InternalRelationshipModel, { nullable: true })
  async relationAdd(
    @Parent() edit: UserEditMutations,
    @Args('input', { type: () => InternalRelationshipAddInput })
    input: InternalRelationshipAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const groupId = memberOfTarget(input.relationship_type, input.toId);
    const user = await this.service.membership(edit.id, groupId, true);
    this.edits.changed(ctx, user, input);
    const group = (await this.fields.groupsOf(user)).find(
      (g) => g.internalId === groupId || g.standardId === groupId,
    );
    return internalRelation(
      'member-of',
      userView(user),
      internalObjectOf(group),
      user.internalId,
      group?.internalId ?? groupId,
    );
  }

  @ResolveField(() => UserModel, { nullable: true })
  async relationDelete(
    @Parent() edit: UserEditMutations,
    @Args('toId', { type: () => StixRefScalar }) toId: string,
    @Args('relationship_type', { type: () => String }) type: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const user = await this.service.membership(edit.id, memberOfTarget(type, toId), false);
    return this.edits.changed(ctx, user, { relationship_deleted: type, toId });
  }

  @ResolveField(() => UserModel, { nullable: true })
  async organizationAdd(
    @Parent() edit: UserEditMutations,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const user = await this.service.organization(edit.id, organizationId, true);
    return this.edits.changed(ctx, user, { organization_added: organizationId });
  }

  @ResolveField(() => UserModel, { nullable: true })
  async organizationDelete(
    @Parent() edit: UserEditMutations,
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const user = await this.service.organization(edit.id, organizationId, false);
    return this.edits.changed(ctx, user, { organization_removed: organizationId });
  }

  @ResolveField(() => UserModel, { nullable: true })
  async tokenRenew(@Parent() edit: UserEditMutations, @Context() ctx: KnowledgeGraphqlContext) {
    return this.edits.changed(ctx, await this.service.rotateToken(edit.id), {
      token_renewed: true,
    });
  }
}

function memberOfTarget(type: string, toId: string | null | undefined): string {
  if (type !== 'member-of' || !toId) {
    throw new AppError({
      code: 'ACCESS_RELATION_UNSUPPORTED',
      category: 'validation',
      message: `A user takes member-of relations to a group, not ${type}`,
      details: { relationship_type: type },
    });
  }
  return toId;
}
