import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '../knowledge/schema/scalars.constants';

const WorkStatusValues = {
  wait: 'wait',
  progress: 'progress',
  complete: 'complete',
  timeout: 'timeout',
} as const;
registerEnumType(WorkStatusValues, { name: 'State' });

const WorksOrderingValues = {
  name: 'name',
  timestamp: 'timestamp',
  created_at: 'created_at',
  updated_at: 'updated_at',
} as const;
registerEnumType(WorksOrderingValues, { name: 'WorksOrdering' });

export { WorkStatusValues, WorksOrderingValues };

@ObjectType()
export class WorkMessage {
  @Field(() => DateTimeScalar, { nullable: true }) timestamp!: string | null;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => Int, { nullable: true }) sequence!: number | null;
  @Field(() => String, { nullable: true }) source!: string | null;
}

@ObjectType()
export class WorkTracking {
  @Field(() => Float, { nullable: true }) import_expected_number!: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) import_last_processed!: string | null;
  @Field(() => Float, { nullable: true }) import_processed_number!: number | null;
}

@ObjectType({ description: 'What an import did to the knowledge, per outcome.' })
export class WorkOutcomes {
  @Field(() => Float) created!: number;
  @Field(() => Float) updated!: number;
  @Field(() => Float) unchanged!: number;
  @Field(() => Float) rejected!: number;
}

@ObjectType({ description: 'Who asked for a work.' })
export class WorkUser {
  @Field(() => String, { nullable: true }) id!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType('Work')
export class WorkModel {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => WorkUser, { nullable: true }) user!: WorkUser | null;
  @Field(() => DateTimeScalar, { nullable: true }) timestamp!: string | null;
  @Field(() => WorkStatusValues) status!: string;
  @Field(() => String, { nullable: true }) event_source_id!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) received_time!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) processed_time!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) completed_time!: string | null;
  @Field(() => Float, { nullable: true }) completed_number!: number | null;
  @Field(() => [WorkMessage], { nullable: true }) messages!: WorkMessage[];
  @Field(() => [WorkMessage], { nullable: true }) errors!: WorkMessage[];
  @Field(() => Float, { description: 'Errors recorded; only the first 100 are kept.' })
  errors_count!: number;
  @Field(() => WorkTracking, { nullable: true }) tracking!: WorkTracking;
  @Field(() => WorkOutcomes) outcomes!: WorkOutcomes;
  @Field(() => String, { nullable: true }) draft_context!: string | null;
  @Field(() => String, { nullable: true }) connector_id!: string | null;
}

@ObjectType()
export class WorkEdge {
  @Field(() => String) cursor!: string;
  @Field(() => WorkModel) node!: WorkModel;
}

@InputType('WorkErrorInput')
export class WorkErrorInput {
  @Field(() => String, { nullable: true }) error?: string | null;
  @Field(() => String, { nullable: true }) source?: string | null;
}

/** `workEdit(id)`: the operations on one work; each returns the work id. */
@ObjectType()
export class WorkEditMutations {
  constructor(readonly workId: string) {}
}
