import { Inject } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { AuditService } from '@lib/audit';
import { RolesService, capabilityViews } from '@lib/auth';
import { AppError } from '@lib/kernel';
import { capabilityId, capabilityOf } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { StixRefScalar } from '../knowledge/schema/scalars.constants';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import {
  CapabilityConnection,
  CapabilityModel,
  InternalRelationshipAddInput,
  InternalRelationshipModel,
  RoleAddInput,
  RoleConnection,
  RoleEditMutations,
  RoleModel,
  RolesOrdering,
} from './access.model';
import { ACCESS_ADMIN } from './access-admin.constants';
import { AuditedAccessEdits, recordAdminChange } from './access-audit.util';
import { AccessFieldsService } from './access-fields.service';
import { AccessQueries } from './access-queries.resolver';
import { listConnection, roleView } from './access-views.util';
import { internalRelation } from './internal-relation.util';

/** Roles (pycti's `Role` entity) and the capability tree (`Capability`). */
@Resolver(() => RoleModel)
export class RoleResolver extends AccessQueries({
  model: RoleModel,
  connection: RoleConnection,
  ordering: RolesOrdering,
  one: 'role',
  many: 'roles',
  view: roleView,
}) {
  constructor(
    @Inject(RolesService) private readonly service: RolesService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {
    super();
  }

  get source() {
    return this.service;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Query(() => CapabilityConnection, { nullable: true })
  capabilities(@Args('first', { type: () => Int, nullable: true }) first: number | null) {
    const all = capabilityViews();
    return listConnection(first ? all.slice(0, first) : all);
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => RoleModel, { nullable: true })
  async roleAdd(
    @Args('input', { type: () => RoleAddInput }) input: RoleAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const role = roleView(await this.service.add(input));
    recordAdminChange(this.audit, ctx, 'create', role, input);
    return role;
  }

  @RequireCapabilities(ACCESS_ADMIN)
  @Mutation(() => RoleEditMutations, { nullable: true })
  roleEdit(@Args('id', { type: () => ID }) id: string): RoleEditMutations {
    return new RoleEditMutations(id);
  }

  @ResolveField('capabilities', () => [CapabilityModel], { nullable: true })
  capabilitiesOfRole(@Parent() role: RoleModel) {
    return this.fields.capabilitiesOfRole(role.element);
  }

  @ResolveField('capabilitiesInDraft', () => [CapabilityModel], { nullable: true })
  capabilitiesInDraftOfRole(@Parent() role: RoleModel) {
    return this.fields.capabilitiesOfRole(role.element);
  }
}

/** `roleEdit(id)`: field patches, capabilities, deletion. */
@Resolver(() => RoleEditMutations)
export class RoleEditResolver {
  constructor(
    @Inject(RolesService) private readonly service: RolesService,
    @Inject(AuditService) audit: AuditService,
  ) {
    this.edits = new AuditedAccessEdits(service, audit, roleView);
  }

  private readonly edits: AuditedAccessEdits<RoleModel>;

  @ResolveField(() => ID, { nullable: true })
  async delete(
    @Parent() edit: RoleEditMutations,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<string> {
    return this.edits.delete(ctx, edit.id);
  }

  @ResolveField(() => RoleModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: RoleEditMutations,
    @Args('input', { type: () => [EditInput], nullable: 'items' }) input: (EditInput | null)[],
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    return this.edits.fieldPatch(ctx, edit.id, input);
  }

  @ResolveField(() => InternalRelationshipModel, { nullable: true })
  async relationAdd(
    @Parent() edit: RoleEditMutations,
    @Args('input', { type: () => InternalRelationshipAddInput })
    input: InternalRelationshipAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const capability = capabilityTarget(input.relationship_type, input.toId);
    const role = await this.service.capability(edit.id, capability, true);
    this.edits.changed(ctx, role, { capability_added: capability });
    const view = capabilityViews([capability])[0];
    return internalRelation(
      'has-capability',
      roleView(role),
      view,
      role.internalId,
      capabilityId(capability),
    );
  }

  @ResolveField(() => RoleModel, { nullable: true })
  async relationDelete(
    @Parent() edit: RoleEditMutations,
    @Args('toId', { type: () => StixRefScalar }) toId: string,
    @Args('relationship_type', { type: () => String }) type: string,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const capability = capabilityTarget(type, toId);
    const role = await this.service.capability(edit.id, capability, false);
    return this.edits.changed(ctx, role, { capability_removed: capability });
  }
}

function capabilityTarget(type: string, toId: string | null | undefined) {
  const capability = type === 'has-capability' && toId ? capabilityOf(toId) : undefined;
  if (!capability) {
    throw new AppError({
      code: 'ACCESS_RELATION_UNSUPPORTED',
      category: 'validation',
      message: `A role takes has-capability relations to a known capability (got ${type} ${toId ?? ''})`,
      details: { relationship_type: type, toId },
    });
  }
  return capability;
}
