import { Inject } from '@nestjs/common';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { AuditLogService } from '@lib/audit';
import type { FilterGroup } from '@lib/kernel';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';
import { FilterGroupInput, OrderingModeValues } from '../knowledge/schema/filter-group.input';
import { LogConnection, LogModel, LogsOrderingValues, logModelOf } from './audit.model';

/** `audits`: the audit log, for those who may read the platform's activity. */
@Resolver(() => LogModel)
export class AuditResolver {
  constructor(@Inject(AuditLogService) private readonly log: AuditLogService) {}

  @RequireCapabilities('SETTINGS_SECURITYACTIVITY')
  @Query(() => LogConnection, {
    nullable: true,
    description:
      'Audit entries (logins, denials, exports, downloads, data and admin changes), newest first.',
  })
  async audits(
    @Context() ctx: KnowledgeGraphqlContext,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('orderBy', { type: () => LogsOrderingValues, nullable: true })
    orderBy: 'timestamp' | '_score' | null,
    @Args('orderMode', { type: () => OrderingModeValues, nullable: true })
    orderMode: 'asc' | 'desc' | null,
    @Args('filters', { type: () => FilterGroupInput, nullable: true })
    filters: FilterGroupInput | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
  ): Promise<LogConnection> {
    const page = await this.log.list(accessOf(ctx), {
      first: first ?? 50,
      ...(after ? { after } : {}),
      ...(orderBy ? { orderBy } : {}),
      ...(orderMode ? { orderMode } : {}),
      ...(filters ? { filters: filters as FilterGroup } : {}),
      ...(search ? { search } : {}),
    });
    return {
      edges: page.items.map((entry, i) => ({
        cursor: page.cursors[i] ?? '',
        node: logModelOf(entry),
      })),
      pageInfo: page.pageInfo,
    };
  }
}
