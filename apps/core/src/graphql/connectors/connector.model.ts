import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CONNECTOR_TYPES } from '@lib/connectors';
import type { ConnectorType } from '@lib/connectors';
import { DateTimeScalar } from '../knowledge/schema/scalars.constants';

const ConnectorTypeValues = Object.fromEntries(CONNECTOR_TYPES.map((t) => [t, t])) as Record<
  ConnectorType,
  ConnectorType
>;
registerEnumType(ConnectorTypeValues, { name: 'ConnectorType' });

// The connector types of OpenCTI's schema that pycti selects (connector-protocol.md §1.4–§1.7,
// §2.7); every field pycti names exists, even those it does not use.

@ObjectType()
export class RabbitMQConnection {
  @Field(() => String) host!: string;
  @Field(() => String) vhost!: string;
  @Field(() => Boolean) use_ssl!: boolean;
  @Field(() => Int) port!: number;
  @Field(() => String) user!: string;
  @Field(() => String) pass!: string;
}

@ObjectType()
export class S3Connection {
  @Field(() => String, { nullable: true }) endpoint!: string | null;
  @Field(() => Int, { nullable: true }) port!: number | null;
  @Field(() => Boolean, { nullable: true }) use_ssl!: boolean | null;
  @Field(() => String, { nullable: true }) bucket_name!: string | null;
  @Field(() => String, { nullable: true }) bucket_region!: string | null;
  @Field(() => String, { nullable: true }) access_key!: string | null;
  @Field(() => String, { nullable: true }) secret_key!: string | null;
}

@ObjectType()
export class ConnectorConfig {
  @Field(() => RabbitMQConnection) connection!: RabbitMQConnection;
  @Field(() => S3Connection) s3!: S3Connection;
  @Field(() => String) listen!: string;
  @Field(() => String) listen_routing!: string;
  @Field(() => String) listen_exchange!: string;
  @Field(() => String, { nullable: true }) listen_callback_uri!: string | null;
  @Field(() => String) push!: string;
  @Field(() => String) push_routing!: string;
  @Field(() => String) push_exchange!: string;
  @Field(() => String) dead_letter_routing!: string;
}

@ObjectType('ConnectorInfo')
export class ConnectorInfoModel {
  @Field(() => Boolean) run_and_terminate!: boolean;
  @Field(() => Boolean) buffering!: boolean;
  @Field(() => Float) queue_threshold!: number;
  @Field(() => Float) queue_messages_size!: number;
  @Field(() => DateTimeScalar, { nullable: true }) next_run_datetime!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) last_run_datetime!: string | null;
}

@InputType('ConnectorInfoInput')
export class ConnectorInfoInput {
  @Field(() => Boolean) run_and_terminate!: boolean;
  @Field(() => Boolean) buffering!: boolean;
  @Field(() => Float) queue_threshold!: number;
  @Field(() => Float) queue_messages_size!: number;
  @Field(() => DateTimeScalar, { nullable: true }) next_run_datetime?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) last_run_datetime?: string | null;
}

@ObjectType()
export class ConnectorQueueDetails {
  @Field(() => Float) messages_number!: number;
  @Field(() => Float) messages_size!: number;
}

@ObjectType({ description: 'An API token of a user, without its secret.' })
export class ApiTokenInfo {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'The user a connector acts as.' })
export class ConnectorUser {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Only for the user itself or an administrator (bypass).',
  })
  api_token!: string | null;
  @Field(() => [ApiTokenInfo]) api_tokens!: ApiTokenInfo[];
}

@InputType('RegisterConnectorInput')
export class RegisterConnectorInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ConnectorTypeValues) type!: ConnectorType;
  @Field(() => [String], { nullable: true }) scope?: string[] | null;
  @Field(() => Boolean, { nullable: true }) auto?: boolean | null;
  @Field(() => Boolean, { nullable: true }) auto_update?: boolean | null;
  @Field(() => Boolean, { nullable: true }) only_contextual?: boolean | null;
  @Field(() => Boolean, { nullable: true }) playbook_compatible?: boolean | null;
  @Field(() => String, { nullable: true }) enrichment_resolution?: string | null;
  @Field(() => String, { nullable: true }) listen_callback_uri?: string | null;
  @Field(() => String, { nullable: true }) version?: string | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => String, { nullable: true }) xtm_one_intent?: string | null;
}

/** `Connector` fields are resolved from the domain view by the connector resolver. */
@ObjectType('Connector')
export class ConnectorModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Boolean) active!: boolean;
  @Field(() => Boolean) auto!: boolean;
  @Field(() => Boolean) auto_update!: boolean;
  @Field(() => Boolean) only_contextual!: boolean;
  @Field(() => Boolean) playbook_compatible!: boolean;
  @Field(() => String, { nullable: true }) enrichment_resolution!: string | null;
  @Field(() => ConnectorTypeValues) connector_type!: ConnectorType;
  @Field(() => [String]) connector_scope!: string[];
  @Field(() => String, { nullable: true }) connector_state!: string | null;
  @Field(() => Boolean) connector_state_reset!: boolean;
  @Field(() => ConnectorInfoModel, { nullable: true }) connector_info!: ConnectorInfoModel | null;
  @Field(() => String, { nullable: true }) connector_user_id!: string | null;
  @Field(() => String) connector_priority_group!: string;
  @Field(() => Boolean) built_in!: boolean;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => String, { nullable: true }) slug!: string | null;
  @Field(() => DateTimeScalar) created_at!: string;
  @Field(() => DateTimeScalar) updated_at!: string;
  @Field(() => DateTimeScalar, { description: 'Last registration or ping.' })
  last_seen_at!: string;
}
