import type { AccessContext, AccessRule } from './access-context.types';

export function accessRule(ctx: AccessContext): AccessRule {
  if (ctx.bypass) {
    return { markings: 'all', organizations: 'all' };
  }
  return { markings: ctx.allowedMarkings, organizations: ctx.organizations };
}

/** data-model.md §4.2: visible only if every marking of the element is allowed. */
export function markingsAllowed(rule: AccessRule, markingIds: readonly string[]): boolean {
  if (rule.markings === 'all') {
    return true;
  }
  const allowed = rule.markings;
  return markingIds.every((id) => allowed.has(id));
}
