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
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { RetentionJobService } from '../../retention/retention-job.service';
import { RetentionRulesService } from '../../retention/retention-rules.service';
import { recordAdminChange } from '../access/access-audit.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { OrderingModeValues } from '../knowledge/schema/filter-group.input';
import { EditInput } from '../knowledge/write/mutation-inputs.model';
import { accessOf } from '../knowledge/define-operation.util';
import {
  RetentionRuleAddInput,
  RetentionRuleConnection,
  RetentionRuleEditMutations,
  RetentionRuleModel,
  RetentionRuleOrdering,
  retentionRuleModel,
} from './retention-rule.model';
import { retentionRulePage } from './retention-rule-page.util';

// The capability of the other platform settings (settingsEdit, the admin console's Settings).
const MANAGE = 'SETTINGS_SETPARAMETERS';

/** Knowledge retention rules: list, one, add, dry-run check and `retentionRuleEdit(id)`. */
@Resolver(() => RetentionRuleModel)
export class RetentionRuleResolver {
  constructor(
    @Inject(RetentionRulesService) private readonly rules: RetentionRulesService,
    @Inject(RetentionJobService) private readonly job: RetentionJobService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @RequireCapabilities(MANAGE)
  @Query(() => RetentionRuleConnection, { nullable: true })
  async retentionRules(
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => ID, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => RetentionRuleOrdering, nullable: true })
    orderBy: keyof RetentionRuleModel | null,
    @Args('orderMode', { type: () => OrderingModeValues, nullable: true })
    orderMode: 'asc' | 'desc' | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
  ) {
    const all = (await this.rules.list(search)).map(retentionRuleModel);
    return retentionRulePage(all, { first, after, orderBy, orderMode });
  }

  @RequireCapabilities(MANAGE)
  @Query(() => RetentionRuleModel, { nullable: true })
  async retentionRule(@Args('id', { type: () => String }) id: string) {
    const found = await this.rules.find(id);
    return found ? retentionRuleModel(found) : null;
  }

  @RequireCapabilities(MANAGE)
  @Mutation(() => RetentionRuleModel)
  async retentionRuleAdd(
    @Args('input', { type: () => RetentionRuleAddInput }) input: RetentionRuleAddInput,
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const rule = retentionRuleModel(await this.rules.add(accessOf(ctx), input));
    recordAdminChange(this.audit, ctx, 'create', rule, input);
    return rule;
  }

  @RequireCapabilities(MANAGE)
  @Mutation(() => Int, { description: 'How many objects the rule would delete now (dry run).' })
  retentionRuleCheck(
    @Args('input', { type: () => RetentionRuleAddInput }) input: RetentionRuleAddInput,
  ): Promise<number> {
    return this.job.check(input);
  }

  @RequireCapabilities(MANAGE)
  @Mutation(() => RetentionRuleEditMutations, { nullable: true })
  retentionRuleEdit(@Args('id', { type: () => ID }) id: string) {
    return new RetentionRuleEditMutations(id);
  }
}

@Resolver(() => RetentionRuleEditMutations)
export class RetentionRuleEditResolver {
  constructor(
    @Inject(RetentionRulesService) private readonly rules: RetentionRulesService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @ResolveField(() => RetentionRuleModel, { nullable: true })
  async fieldPatch(
    @Parent() edit: RetentionRuleEditMutations,
    @Args('input', { type: () => [EditInput] }) input: EditInput[],
    @Context() ctx: KnowledgeGraphqlContext,
  ) {
    const patches = input.map((i) => ({ key: i.key, value: i.value }));
    const rule = retentionRuleModel(await this.rules.edit(edit.ruleId, patches));
    recordAdminChange(this.audit, ctx, 'update', rule, patches);
    return rule;
  }

  @ResolveField(() => ID, { nullable: true })
  async delete(
    @Parent() edit: RetentionRuleEditMutations,
    @Context() ctx: KnowledgeGraphqlContext,
  ): Promise<string> {
    const found = await this.rules.find(edit.ruleId);
    const deleted = await this.rules.delete(edit.ruleId);
    if (found) recordAdminChange(this.audit, ctx, 'delete', retentionRuleModel(found));
    return deleted;
  }
}
