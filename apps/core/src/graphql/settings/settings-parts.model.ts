import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../knowledge/schema/scalars.constants';
import { GroupModel } from '../access/access.model';

@ObjectType('Cluster', { description: 'The platform processes answering this API.' })
export class ClusterModel {
  @Field(() => Int) instances_number!: number;
}

@ObjectType('Module', { description: 'A background module or feature flag and its state.' })
export class ModuleModel {
  @Field(() => String) id!: string;
  @Field(() => Boolean) enable!: boolean;
  @Field(() => Boolean, { nullable: true }) warning!: boolean | null;
}

@ObjectType('Provider', { description: 'A way to sign in (form, OIDC, SAML…).' })
export class ProviderModel {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) type!: string | null;
  @Field(() => String, { nullable: true }) strategy!: string | null;
  @Field(() => String, { nullable: true }) provider!: string | null;
}

@ObjectType('PlatformUserStatus')
export class PlatformUserStatusModel {
  @Field(() => String) status!: string;
  @Field(() => String, { nullable: true }) message!: string | null;
}

@ObjectType('Theme', { description: 'A built-in colour theme.' })
export class ThemeModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => [String]) parent_types!: string[];
  @Field(() => String) name!: string;
  @Field(() => String) theme_background!: string;
  @Field(() => String) theme_paper!: string;
  @Field(() => String) theme_nav!: string;
  @Field(() => String) theme_primary!: string;
  @Field(() => String) theme_secondary!: string;
  @Field(() => String) theme_accent!: string;
  @Field(() => String, { nullable: true }) theme_logo!: string | null;
  @Field(() => String, { nullable: true }) theme_logo_collapsed!: string | null;
  @Field(() => String, { nullable: true }) theme_logo_login!: string | null;
  @Field(() => String) theme_text_color!: string;
  @Field(() => Boolean) built_in!: boolean;
}

@ObjectType('PlatformCriticalAlertDetails')
export class PlatformCriticalAlertDetailsModel {
  @Field(() => [GroupModel], { nullable: true }) groups!: GroupModel[] | null;
}

@ObjectType('PlatformCriticalAlert')
export class PlatformCriticalAlertModel {
  @Field(() => String) message!: string;
  @Field(() => String) type!: string;
  @Field(() => PlatformCriticalAlertDetailsModel, { nullable: true })
  details!: PlatformCriticalAlertDetailsModel | null;
}

@ObjectType('PlatformProtectedSensitiveConfigPart')
export class ProtectedConfigPartModel {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => [String]) protected_ids!: string[];
}

@ObjectType('PlatformProtectedSensitiveConfig', {
  description: 'Threatloom protects no configuration part behind a dedicated role flag.',
})
export class ProtectedConfigModel {
  @Field(() => Boolean) enabled!: boolean;
  @Field(() => ProtectedConfigPartModel) markings!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) groups!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) roles!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) rules!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) ce_ee_toggle!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) file_indexing!: ProtectedConfigPartModel;
  @Field(() => ProtectedConfigPartModel) platform_organization!: ProtectedConfigPartModel;
}

@ObjectType('EnterpriseEdition', {
  description:
    'No license: Threatloom ships the features OpenCTI reserves to its enterprise edition freely.',
})
export class EnterpriseEditionModel {
  @Field(() => Boolean) license_enterprise!: boolean;
  @Field(() => Boolean) license_by_configuration!: boolean;
  @Field(() => String, { nullable: true }) license_customer!: string | null;
  @Field(() => Boolean) license_validated!: boolean;
  @Field(() => Boolean) license_valid_cert!: boolean;
  @Field(() => Boolean) license_expired!: boolean;
  @Field(() => Boolean) license_expiration_prevention!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) license_start_date!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) license_expiration_date!: string | null;
  @Field(() => String, { nullable: true }) license_platform!: string | null;
  @Field(() => String, { nullable: true }) license_type!: string | null;
  @Field(() => Boolean) license_platform_match!: boolean;
  @Field(() => String, { nullable: true }) license_creator!: string | null;
  @Field(() => Boolean) license_global!: boolean;
}

@ObjectType('ActivityListener')
export class ActivityListenerModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) entity_type!: string;
}

@ObjectType('SettingsMessage')
export class SettingsMessageModel {
  @Field(() => ID) id!: string;
  @Field(() => String) message!: string;
  @Field(() => Boolean) activated!: boolean;
  @Field(() => Boolean) dismissible!: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) updated_at!: string | null;
  @Field(() => String, { nullable: true }) color!: string | null;
  /** Group internal ids (resolved by the `recipients` field; not a GraphQL field). */
  recipientIds!: string[];
}
