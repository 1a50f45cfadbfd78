import { AppError } from '@lib/kernel';
import type { AccessRule } from '@lib/rbac';

export type SqlFragment = { sql: string; params: unknown[] };

/**
 * The access rule as a WHERE fragment over the element alias: marking checks happen inside the
 * query, never after fetching (data-model.md §4.2: every marking of the element must be allowed).
 */
export function compileAccessRule(rule: AccessRule, alias = 'e'): SqlFragment {
  if (rule.organizations !== 'all') {
    // TODO(#8): organization segregation (granted refs, platform organization).
    throw new AppError({
      code: 'ACCESS_ORGANIZATIONS_UNSUPPORTED',
      category: 'internal',
      message: 'Organization segregation is not available in this build yet (issue #8)',
    });
  }
  if (rule.markings === 'all') {
    return { sql: '1 = 1', params: [] };
  }
  return {
    sql:
      `NOT EXISTS (SELECT 1 FROM element_refs ar WHERE ar.from_seq = ${alias}.seq` +
      ` AND ar.rel = 'object-marking' AND ar.to_id NOT IN (SELECT value FROM json_each(?)))`,
    params: [JSON.stringify([...rule.markings])],
  };
}
