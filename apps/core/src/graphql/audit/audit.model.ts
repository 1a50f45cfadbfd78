import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AuditChange, AuditContextData, AuditEntry } from '@lib/audit';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';

// The audit log's GraphQL types, named as OpenCTI names them (`audits` → `Log` nodes), so that
// clients written for OpenCTI's activity pages read them unchanged.

export const LogsOrderingValues = { timestamp: 'timestamp', _score: '_score' } as const;
registerEnumType(LogsOrderingValues, { name: 'LogsOrdering' });

@ObjectType('AuditUser')
export class AuditUserModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ContextDataChange', { description: 'One field an update changed (JSON texts).' })
export class ContextDataChangeModel {
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true }) previous!: string | null;
  @Field(() => String, { nullable: true }) new!: string | null;
}

@ObjectType('ContextDataSource')
export class ContextDataSourceModel {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('ContextData')
export class ContextDataModel {
  @Field(() => String, { nullable: true }) entity_id!: string | null;
  @Field(() => String, { nullable: true }) entity_type!: string | null;
  @Field(() => String, { nullable: true }) entity_name!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => String, { nullable: true }) from_id!: string | null;
  @Field(() => String, { nullable: true }) to_id!: string | null;
  @Field(() => String, { nullable: true, description: 'The operation input, as JSON.' })
  input!: string | null;
  @Field(() => String, { nullable: true, description: 'update: JSON patch, as JSON.' })
  patch!: string | null;
  @Field(() => String, { nullable: true, description: 'update: reverse JSON patch, as JSON.' })
  reverse_patch!: string | null;
  @Field(() => [ContextDataChangeModel], { nullable: true }) changes!: AuditChange[] | null;
  @Field(() => [ContextDataSourceModel], { nullable: true })
  sources!: ContextDataSourceModel[] | null;
  @Field(() => String, { nullable: true, description: 'Connector, work… that caused it (JSON).' })
  origin!: string | null;
  @Field(() => String, { nullable: true }) remote_address!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('Log')
export class LogModel {
  @Field(() => ID) id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => String) event_type!: string;
  @Field(() => String) event_scope!: string;
  @Field(() => String) event_status!: string;
  @Field(() => String, { nullable: true }) event_access!: string | null;
  @Field(() => String) timestamp!: string;
  @Field(() => String) user_id!: string;
  @Field(() => AuditUserModel, { nullable: true }) user!: AuditUserModel | null;
  @Field(() => ContextDataModel, { nullable: true }) context_data!: ContextDataModel | null;
}

@ObjectType('LogEdge')
export class LogEdge {
  @Field(() => String) cursor!: string;
  @Field(() => LogModel) node!: LogModel;
}

@ObjectType('LogConnection')
export class LogConnection {
  @Field(() => [LogEdge]) edges!: LogEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

const jsonOrNull = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

function contextModel(c: AuditContextData): ContextDataModel {
  return {
    entity_id: c.entity_id ?? null,
    entity_type: c.entity_type ?? null,
    entity_name: c.entity_name ?? null,
    message: c.message ?? null,
    from_id: c.from_id ?? null,
    to_id: c.to_id ?? null,
    input: jsonOrNull(c.input),
    patch: jsonOrNull(c.patch),
    reverse_patch: jsonOrNull(c.reverse_patch),
    changes: c.changes ?? null,
    sources: c.sources ?? null,
    origin: jsonOrNull(c.origin),
    remote_address: c.remote_address ?? null,
    reason: c.reason ?? null,
  };
}

export function logModelOf(entry: AuditEntry): LogModel {
  return {
    id: entry.id,
    entity_type: 'Activity',
    event_type: entry.event_type,
    event_scope: entry.event_scope,
    event_status: entry.event_status,
    event_access: entry.event_access,
    timestamp: entry.timestamp,
    user_id: entry.user_id,
    user: { id: entry.user_id, name: entry.user_name },
    context_data: contextModel(entry.context_data),
  };
}
