import {
  Field,
  ID,
  InputType,
  InterfaceType,
  Int,
  ObjectType,
  createUnionType,
  registerEnumType,
} from '@nestjs/graphql';
import type { StoredElement } from '@lib/entity-store';
import { DateTimeScalar } from '../knowledge/schema/scalars.constants';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';

export const UsersOrdering = {
  name: 'name',
  user_email: 'user_email',
  firstname: 'firstname',
  lastname: 'lastname',
  language: 'language',
  external: 'external',
  created_at: 'created_at',
  updated_at: 'updated_at',
  _score: '_score',
} as const;
registerEnumType(UsersOrdering, { name: 'UsersOrdering' });

export const GroupsOrdering = {
  name: 'name',
  default_assignation: 'default_assignation',
  no_creators: 'no_creators',
  restrict_delete: 'restrict_delete',
  auto_new_marking: 'auto_new_marking',
  created_at: 'created_at',
  updated_at: 'updated_at',
  group_confidence_level: 'group_confidence_level',
  _score: '_score',
} as const;
registerEnumType(GroupsOrdering, { name: 'GroupsOrdering' });

export const RolesOrdering = {
  name: 'name',
  created_at: 'created_at',
  updated_at: 'updated_at',
  _score: '_score',
} as const;
registerEnumType(RolesOrdering, { name: 'RolesOrdering' });

@InterfaceType('InternalObject', {
  resolveType: (value: { entity_type?: string }) => {
    switch (value.entity_type) {
      case 'User':
        return 'User';
      case 'Group':
        return 'Group';
      case 'Role':
        return 'Role';
      default:
        return 'Capability';
    }
  },
})
export abstract class InternalObjectInterface {
  @Field(() => ID) id!: string;
  @Field(() => String) entity_type!: string;
}

/** Fields every access element shows. */
@ObjectType({ isAbstract: true })
export class AccessElementModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => [String]) parent_types!: string[];
  @Field(() => DateTimeScalar) created_at!: string;
  @Field(() => DateTimeScalar) updated_at!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  /** The stored element behind the view (not a GraphQL field). */
  element!: StoredElement;
}

@ObjectType('Capability', { implements: () => [InternalObjectInterface] })
export class CapabilityModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => [String]) parent_types!: string[];
  @Field(() => DateTimeScalar, { nullable: true }) created_at!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) updated_at!: string | null;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int, { nullable: true }) attribute_order!: number | null;
}

@ObjectType('ConfidenceLevelOverride')
export class ConfidenceLevelOverrideModel {
  @Field(() => String) entity_type!: string;
  @Field(() => Int) max_confidence!: number;
}

@ObjectType('ConfidenceLevel')
export class ConfidenceLevelModel {
  @Field(() => Int, { nullable: true }) max_confidence!: number | null;
  @Field(() => [ConfidenceLevelOverrideModel]) overrides!: ConfidenceLevelOverrideModel[];
}

@ObjectType('Role', { implements: () => [InternalObjectInterface] })
export class RoleModel extends AccessElementModel {
  @Field(() => Boolean, { nullable: true }) can_manage_sensitive_config!: boolean | null;
}

@ObjectType('Group', { implements: () => [InternalObjectInterface] })
export class GroupModel extends AccessElementModel {
  @Field(() => Boolean) default_assignation!: boolean;
  @Field(() => Boolean) auto_new_marking!: boolean;
  @Field(() => Boolean, { nullable: true }) no_creators!: boolean | null;
  @Field(() => Boolean, { nullable: true }) restrict_delete!: boolean | null;
  @Field(() => [String], { nullable: true }) default_hidden_types!: string[] | null;
  @Field(() => [String]) not_shareable_marking_types!: string[];
  @Field(() => ConfidenceLevelModel, { nullable: true })
  group_confidence_level!: ConfidenceLevelModel | null;
}

@ObjectType('User', { implements: () => [InternalObjectInterface] })
export class UserModel extends AccessElementModel {
  @Field(() => String, { nullable: true }) individual_id!: string | null;
  @Field(() => String) user_email!: string;
  @Field(() => String, { nullable: true }) firstname!: string | null;
  @Field(() => String, { nullable: true }) lastname!: string | null;
  @Field(() => String, { nullable: true }) language!: string | null;
  @Field(() => String, { nullable: true }) theme!: string | null;
  @Field(() => String, { nullable: true }) unit_system!: string | null;
  @Field(() => Boolean, { nullable: true }) external!: boolean | null;
  @Field(() => Boolean, { nullable: true }) restrict_delete!: boolean | null;
  @Field(() => String, { nullable: true }) account_status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) account_lock_after_date!: string | null;
  @Field(() => Boolean, { nullable: true }) submenu_show_icons!: boolean | null;
  @Field(() => Boolean, { nullable: true }) submenu_auto_collapse!: boolean | null;
  @Field(() => Boolean, { nullable: true }) monochrome_labels!: boolean | null;
  @Field(() => Boolean, { nullable: true }) user_service_account!: boolean | null;
  @Field(() => ConfidenceLevelModel, { nullable: true })
  user_confidence_level!: ConfidenceLevelModel | null;
}

export const ConfidenceLevelSourceObject = createUnionType({
  name: 'ConfidenceLevelSourceObject',
  types: () => [UserModel, GroupModel] as const,
  resolveType: (value: AccessElementModel) =>
    value.entity_type === 'User' ? UserModel : GroupModel,
});

@ObjectType('ConfidenceLevelSource')
export class ConfidenceLevelSourceModel {
  @Field(() => String) type!: 'User' | 'Group' | 'Bypass';
  @Field(() => ConfidenceLevelSourceObject, { nullable: true })
  object!: UserModel | GroupModel | null;
}

@ObjectType('EffectiveConfidenceLevelOverride')
export class EffectiveConfidenceLevelOverrideModel {
  @Field(() => String) entity_type!: string;
  @Field(() => Int) max_confidence!: number;
  @Field(() => ConfidenceLevelSourceModel, { nullable: true })
  source!: ConfidenceLevelSourceModel | null;
}

@ObjectType('EffectiveConfidenceLevel')
export class EffectiveConfidenceLevelModel {
  @Field(() => Int) max_confidence!: number;
  @Field(() => ConfidenceLevelSourceModel, { nullable: true })
  source!: ConfidenceLevelSourceModel | null;
  @Field(() => [EffectiveConfidenceLevelOverrideModel])
  overrides!: EffectiveConfidenceLevelOverrideModel[];
}

/** An organization a user belongs to (`is_inferred`: through a parent organization). */
@ObjectType('UserOrganization')
export class UserOrganizationModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Boolean) is_inferred!: boolean;
}

@ObjectType('ApiToken', { description: 'A named API token; its value is shown once.' })
export class ApiTokenModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => DateTimeScalar, { nullable: true }) created_at!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) expires_at!: string | null;
}

@ObjectType('UserTokenAddResult')
export class UserTokenAddResultModel {
  @Field(() => ID) token_id!: string;
  @Field(() => String) plaintext_token!: string;
  @Field(() => DateTimeScalar, { nullable: true }) expires_at!: string | null;
}

@InputType('UserTokenAddInput')
export class UserTokenAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'UNLIMITED (default) or DAYS_<n>' })
  duration?: string | null;
}

@ObjectType('SessionDetail')
export class SessionDetailModel {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar, { nullable: true }) created!: string | null;
  @Field(() => Int, { nullable: true }) ttl!: number | null;
  @Field(() => Int, { nullable: true }) originalMaxAge!: number | null;
}

@ObjectType('DefaultMarking')
export class DefaultMarkingModel {
  @Field(() => String) entity_type!: string;
  @Field(() => [knowledgeType('MarkingDefinition')], { nullable: true }) values!: unknown[];
}

@ObjectType('InternalRelationship')
export class InternalRelationshipModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => [String]) parent_types!: string[];
  @Field(() => DateTimeScalar) created_at!: string;
  @Field(() => DateTimeScalar) updated_at!: string;
  @Field(() => String) relationship_type!: string;
  @Field(() => InternalObjectInterface, { nullable: true }) from!: unknown;
  @Field(() => InternalObjectInterface, { nullable: true }) to!: unknown;
}

@InputType('InternalRelationshipAddInput')
export class InternalRelationshipAddInput {
  @Field(() => ID, { nullable: true }) fromId?: string | null;
  @Field(() => ID, { nullable: true }) toId?: string | null;
  @Field(() => String) relationship_type!: string;
}

@InputType('ConfidenceLevelOverrideInput')
export class ConfidenceLevelOverrideInput {
  @Field(() => String) entity_type!: string;
  @Field(() => Int) max_confidence!: number;
}

@InputType('ConfidenceLevelInput')
export class ConfidenceLevelInput {
  @Field(() => Int) max_confidence!: number;
  @Field(() => [ConfidenceLevelOverrideInput], { nullable: true })
  overrides?: ConfidenceLevelOverrideInput[] | null;
}

@InputType('UserAddInput')
export class UserAddInput {
  @Field(() => String) user_email!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) password?: string | null;
  @Field(() => String, { nullable: true }) firstname?: string | null;
  @Field(() => String, { nullable: true }) lastname?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) language?: string | null;
  @Field(() => String, { nullable: true }) theme?: string | null;
  @Field(() => [String], { nullable: true }) objectOrganization?: string[] | null;
  @Field(() => String, { nullable: true }) account_status?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) account_lock_after_date?: string | null;
  @Field(() => String, { nullable: true }) unit_system?: string | null;
  @Field(() => Boolean, { nullable: true }) submenu_show_icons?: boolean | null;
  @Field(() => Boolean, { nullable: true }) submenu_auto_collapse?: boolean | null;
  @Field(() => Boolean, { nullable: true }) monochrome_labels?: boolean | null;
  @Field(() => [String], { nullable: true }) groups?: string[] | null;
  @Field(() => ConfidenceLevelInput, { nullable: true })
  user_confidence_level?: ConfidenceLevelInput | null;
  @Field(() => Boolean, { nullable: true }) user_service_account?: boolean | null;
  @Field(() => Boolean, { nullable: true }) prevent_default_groups?: boolean | null;
}

@InputType('GroupAddInput')
export class GroupAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) default_assignation?: boolean | null;
  @Field(() => Boolean, { nullable: true }) auto_new_marking?: boolean | null;
  @Field(() => Boolean, { nullable: true }) no_creators?: boolean | null;
  @Field(() => Boolean, { nullable: true }) restrict_delete?: boolean | null;
  @Field(() => ConfidenceLevelInput, { nullable: true })
  group_confidence_level?: ConfidenceLevelInput | null;
}

@InputType('RoleAddInput')
export class RoleAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [String], { nullable: true }) capabilities?: string[] | null;
}

@InputType('DefaultMarkingInput')
export class DefaultMarkingInput {
  @Field(() => String) entity_type!: string;
  @Field(() => [String], { nullable: true }) values?: string[] | null;
}

@ObjectType('UserEditMutations')
export class UserEditMutations {
  constructor(readonly id: string) {}
}

@ObjectType('GroupEditMutations')
export class GroupEditMutations {
  constructor(readonly id: string) {}
}

@ObjectType('RoleEditMutations')
export class RoleEditMutations {
  constructor(readonly id: string) {}
}

function connection<T>(name: string, node: new () => T) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => knowledgeType('PageInfo'), { nullable: true }) pageInfo!: unknown;
  }
  return Connection;
}

export const UserConnection = connection('User', UserModel);
export const UserOrganizationConnection = connection('UserOrganization', UserOrganizationModel);
export const GroupConnection = connection('Group', GroupModel);
export const RoleConnection = connection('Role', RoleModel);
export const CapabilityConnection = connection('Capability', CapabilityModel);
