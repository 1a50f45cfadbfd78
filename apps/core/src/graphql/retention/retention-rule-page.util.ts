import { AppError } from '@lib/kernel';
import { collectionConnection } from '../sharing/sharing-collection.model';
import type { RetentionRuleModel } from './retention-rule.model';

export type RetentionRulePageArgs = {
  first: number | null;
  after: string | null;
  orderBy: keyof RetentionRuleModel | null;
  orderMode: 'asc' | 'desc' | null;
};

// Rules are few (an admin writes them by hand): sorted and paged in memory, cursor = rule id.
export function retentionRulePage(all: readonly RetentionRuleModel[], args: RetentionRulePageArgs) {
  const key = args.orderBy ?? 'name';
  const sign = args.orderMode === 'desc' ? -1 : 1;
  const sorted = [...all].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
  const start = args.after ? sorted.findIndex((r) => r.id === args.after) + 1 : 0;
  if (args.after && start === 0) {
    throw new AppError({
      code: 'RETENTION_RULE_INVALID',
      category: 'validation',
      message: `after: no rule ${args.after} in this list`,
      details: { field: 'after' },
    });
  }
  const page = collectionConnection(sorted.slice(start), args.first, (r) => r);
  return {
    ...page,
    pageInfo: { ...page.pageInfo, hasPreviousPage: start > 0, globalCount: sorted.length },
  };
}
