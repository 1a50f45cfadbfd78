import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { StoredElement } from '@lib/entity-store';
import { DateTimeScalar } from '../knowledge/schema/scalars.constants';
import {
  ActivityListenerModel,
  ClusterModel,
  EnterpriseEditionModel,
  ModuleModel,
  PlatformCriticalAlertModel,
  PlatformUserStatusModel,
  ProtectedConfigModel,
  ProviderModel,
  ThemeModel,
} from './settings-parts.model';

/**
 * The platform settings as pycti's `Settings` entity reads them. Features Threatloom lacks (AI,
 * licensing, activity listeners) read as off; platform_organization, platform_messages and
 * messages_administration are resolved fields.
 */
@ObjectType('Settings')
export class SettingsModel {
  @Field(() => ID) id!: string;
  @Field(() => String) standard_id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => [String]) parent_types!: string[];
  @Field(() => DateTimeScalar) created_at!: string;
  @Field(() => DateTimeScalar) updated_at!: string;
  @Field(() => String, { nullable: true }) platform_title!: string | null;
  @Field(() => String, { nullable: true }) platform_favicon!: string | null;
  @Field(() => String, { nullable: true }) platform_email!: string | null;
  @Field(() => String, { nullable: true }) platform_url!: string | null;
  @Field(() => String, { nullable: true }) platform_language!: string | null;
  @Field(() => ClusterModel) platform_cluster!: ClusterModel;
  @Field(() => [ModuleModel], { nullable: true }) platform_modules!: ModuleModel[];
  @Field(() => [ProviderModel]) platform_providers!: ProviderModel[];
  @Field(() => [PlatformUserStatusModel]) platform_user_statuses!: PlatformUserStatusModel[];
  @Field(() => ThemeModel, { nullable: true }) platform_theme!: ThemeModel | null;
  @Field(() => Boolean) platform_ai_enabled!: boolean;
  @Field(() => String, { nullable: true }) platform_ai_type!: string | null;
  @Field(() => String, { nullable: true }) platform_ai_model!: string | null;
  @Field(() => Boolean) platform_ai_has_token!: boolean;
  @Field(() => String, { nullable: true }) platform_openaev_url!: string | null;
  @Field(() => String, { nullable: true }) platform_opengrc_url!: string | null;
  @Field(() => String, { nullable: true }) platform_login_message!: string | null;
  @Field(() => String, { nullable: true }) platform_consent_message!: string | null;
  @Field(() => String, { nullable: true }) platform_consent_confirm_text!: string | null;
  @Field(() => String, { nullable: true }) platform_banner_text!: string | null;
  @Field(() => String, { nullable: true }) platform_banner_level!: string | null;
  @Field(() => Int, { nullable: true }) platform_session_idle_timeout!: number | null;
  @Field(() => Int, { nullable: true }) platform_session_timeout!: number | null;
  @Field(() => Boolean) platform_whitemark!: boolean;
  @Field(() => Boolean) platform_demo!: boolean;
  @Field(() => Boolean) platform_reference_attachment!: boolean;
  @Field(() => [ModuleModel], { nullable: true }) platform_feature_flags!: ModuleModel[];
  @Field(() => [PlatformCriticalAlertModel])
  platform_critical_alerts!: PlatformCriticalAlertModel[];
  @Field(() => Boolean) platform_trash_enabled!: boolean;
  @Field(() => ProtectedConfigModel)
  platform_protected_sensitive_config!: ProtectedConfigModel;
  @Field(() => EnterpriseEditionModel)
  platform_enterprise_edition!: EnterpriseEditionModel;
  @Field(() => String, { nullable: true }) platform_map_tile_server_dark!: string | null;
  @Field(() => String, { nullable: true }) platform_map_tile_server_light!: string | null;
  @Field(() => String, { nullable: true }) analytics_google_analytics_v4!: string | null;
  @Field(() => [ActivityListenerModel], { nullable: true })
  activity_listeners!: ActivityListenerModel[];
  @Field(() => Boolean) otp_mandatory!: boolean;
  @Field(() => Boolean) view_all_users!: boolean;
  @Field(() => Int) password_policy_min_length!: number;
  @Field(() => Int) password_policy_max_length!: number;
  @Field(() => Int) password_policy_min_symbols!: number;
  @Field(() => Int) password_policy_min_numbers!: number;
  @Field(() => Int) password_policy_min_words!: number;
  @Field(() => Int) password_policy_min_lowercase!: number;
  @Field(() => Int) password_policy_min_uppercase!: number;
  /** The stored element behind the view (not a GraphQL field). */
  element!: StoredElement;
}

@ObjectType('SettingsEditMutations')
export class SettingsEditMutations {
  constructor(readonly id: string) {}
}

@InputType('SettingsMessageInput')
export class SettingsMessageInput {
  @Field(() => ID, { nullable: true, description: 'The message to replace; none to add one.' })
  id?: string | null;
  @Field(() => String) message!: string;
  @Field(() => Boolean) activated!: boolean;
  @Field(() => Boolean) dismissible!: boolean;
  @Field(() => String, { nullable: true }) color?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Groups that see it; none for everyone.' })
  recipients?: string[] | null;
}
