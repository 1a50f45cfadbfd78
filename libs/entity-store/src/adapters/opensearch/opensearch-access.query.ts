import { AppError } from '@lib/kernel';
import type { AccessRule } from '@lib/rbac';

/** A query DSL clause (plain JSON). */
export type QueryClause = Record<string, unknown>;

/**
 * The access rule as a filter clause, part of every query (data-model.md §4.2: every marking of
 * the element must be allowed): the element has no marking, or as many allowed markings as it has
 * markings (`terms_set` against the stored count).
 */
export function compileAccessQuery(rule: AccessRule): QueryClause {
  if (rule.organizations !== 'all') {
    // TODO(#8): organization segregation (granted refs, platform organization).
    throw new AppError({
      code: 'ACCESS_ORGANIZATIONS_UNSUPPORTED',
      category: 'internal',
      message: 'Organization segregation is not available in this build yet (issue #8)',
    });
  }
  if (rule.markings === 'all') {
    return { match_all: {} };
  }
  if (rule.markings.size === 0) {
    return { term: { markings_count: 0 } };
  }
  return {
    bool: {
      should: [
        { term: { markings_count: 0 } },
        {
          terms_set: {
            markings: {
              terms: [...rule.markings].sort(),
              minimum_should_match_field: 'markings_count',
            },
          },
        },
      ],
      minimum_should_match: 1,
    },
  };
}
