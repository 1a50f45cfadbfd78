import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { knowledgeType } from '../knowledge/schema/knowledge-types.model';
import type { RetentionRule } from '../../retention/retention-rule.types';

export const RetentionRuleOrdering = {
  name: 'name',
  created_at: 'created_at',
  updated_at: 'updated_at',
  max_retention: 'max_retention',
  last_execution_date: 'last_execution_date',
  remaining_count: 'remaining_count',
} as const;
registerEnumType(RetentionRuleOrdering, { name: 'RetentionRuleOrdering' });

/** A knowledge retention rule (OpenCTI's `RetentionRule`). */
@ObjectType('RetentionRule')
export class RetentionRuleModel {
  @Field(() => ID) id!: string;
  @Field(() => String) entity_type!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'A FilterGroup as JSON.' })
  filters!: string | null;
  @Field(() => Int) max_retention!: number;
  @Field(() => String, { description: 'minutes, hours or days.' }) retention_unit!: string;
  @Field(() => String) scope!: string;
  @Field(() => String, { nullable: true }) last_execution_date!: string | null;
  @Field(() => Int, { nullable: true }) last_deleted_count!: number | null;
  @Field(() => Int, { nullable: true }) remaining_count!: number | null;
  @Field(() => String) created_at!: string;
  @Field(() => String) updated_at!: string;
}

@ObjectType('RetentionRuleEdge')
export class RetentionRuleEdge {
  @Field(() => String) cursor!: string;
  @Field(() => RetentionRuleModel) node!: RetentionRuleModel;
}

@ObjectType('RetentionRuleConnection')
export class RetentionRuleConnection {
  @Field(() => [RetentionRuleEdge]) edges!: RetentionRuleEdge[];
  @Field(() => knowledgeType('PageInfo')) pageInfo!: unknown;
}

@InputType('RetentionRuleAddInput')
export class RetentionRuleAddInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) filters?: string | null;
  @Field(() => Int) max_retention!: number;
  @Field(() => String, { nullable: true, description: 'minutes, hours or days (default).' })
  retention_unit?: string | null;
  @Field(() => String, { nullable: true, description: 'knowledge (the only one supported).' })
  scope?: string | null;
}

@ObjectType('RetentionRuleEditMutations')
export class RetentionRuleEditMutations {
  constructor(readonly ruleId: string) {}
}

export function retentionRuleModel(rule: RetentionRule): RetentionRuleModel {
  return {
    id: rule.id,
    entity_type: 'RetentionRule',
    name: rule.name,
    filters: rule.filters || null,
    max_retention: rule.maxRetention,
    retention_unit: rule.unit,
    scope: rule.scope,
    last_execution_date: rule.lastExecutionDate,
    last_deleted_count: rule.lastDeletedCount,
    remaining_count: rule.remainingCount,
    created_at: rule.createdAt,
    updated_at: rule.updatedAt,
  };
}
