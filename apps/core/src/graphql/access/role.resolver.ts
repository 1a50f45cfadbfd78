import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RolesService, capabilityViews } from '@lib/auth';
import { AppError } from '@lib/kernel';
import { capabilityId, capabilityOf } from '@lib/rbac';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { OrderingModeValues } from '../knowledge/schema/filter-group.input';
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
import { AccessFieldsService } from './access-fields.service';
import { connectionOf, listConnection, roleView, presentOf } from './access-views.util';
import { internalRelation } from './internal-relation.util';

const ADMIN = 'SETTINGS_SETACCESSES';

/** Roles (pycti's `Role` entity) and the capability tree (`Capability`). */
@Resolver(() => RoleModel)
export class RoleResolver {
  constructor(
    @Inject(RolesService) private readonly service: RolesService,
    @Inject(AccessFieldsService) private readonly fields: AccessFieldsService,
  ) {}

  @RequireCapabilities(ADMIN)
  @Query(() => RoleConnection, { nullable: true })
  async roles(
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => ID, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => RolesOrdering, nullable: true }) orderBy: string | null,
    @Args('orderMode', { type: () => OrderingModeValues, nullable: true })
    orderMode: 'asc' | 'desc' | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
  ) {
    const page = await this.service.list({
      first,
      after,
      orderBy: orderBy === '_score' ? null : orderBy,
      orderMode,
      search,
    });
    return connectionOf(page, roleView);
  }

  @RequireCapabilities(ADMIN)
  @Query(() => RoleModel, { nullable: true })
  async role(@Args('id', { type: () => String }) id: string): Promise<RoleModel | null> {
    const found = await this.service.find(id);
    return found ? roleView(found) : null;
  }

  @RequireCapabilities(ADMIN)
  @Query(() => CapabilityConnection, { nullable: true })
  capabilities(@Args('first', { type: () => Int, nullable: true }) first: number | null) {
    const all = capabilityViews();
    return listConnection(first ? all.slice(0, first) : all);
  }

  @RequireCapabilities(ADMIN)
  @Mutation(() => RoleModel, { nullable: true })
  async roleAdd(@Args('input', { type: () => RoleAddInput }) input: RoleAddInput) {
    return roleView(await this.service.add(input));
  }

  @RequireCapabilities(ADMIN)
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
  constructor(@Inject(RolesService) private readonly service: RolesService) {}

  @ResolveField(() => ID, { nullable: true })
  delete(@Parent() edit: RoleEditMutations): Promise<string> {
    return this.service.delete(edit.id);
  }

  @ResolveField(() => RoleModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: RoleEditMutations,
    @Args('input', { type: () => [EditInput], nullable: 'items' }) input: (EditInput | null)[],
  ) {
    return roleView(await this.service.edit(edit.id, presentOf(input)));
  }

  @ResolveField(() => InternalRelationshipModel, { nullable: true })
  async relationAdd(
    @Parent() edit: RoleEditMutations,
    @Args('input', { type: () => InternalRelationshipAddInput })
    input: InternalRelationshipAddInput,
  ) {
    const capability = capabilityTarget(input.relationship_type, input.toId);
    const role = await this.service.capability(edit.id, capability, true);
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
  ) {
    const capability = capabilityTarget(type, toId);
    return roleView(await this.service.capability(edit.id, capability, false));
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
