import { isCustomType, isOrganizationRestrictedType } from '@lib/stix';
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

/**
 * data-model.md §4.3: outside the platform organization, a restricted element is visible only
 * when it is granted to one of the reader's organizations (`granted` holds internal or STIX ids).
 */
export function organizationsAllowed(
  rule: AccessRule,
  entityType: string,
  granted: readonly string[],
): boolean {
  if (rule.organizations === 'all') return true;
  if (!isOrganizationRestrictedType(entityType, isCustomType(entityType))) return true;
  const mine = rule.organizations;
  return granted.some((id) => mine.has(id));
}

/** Both rules over a stored element's type and refs (for checks that cannot run in a query). */
export function elementAllowed(
  rule: AccessRule,
  element: { entityType: string; refs: Readonly<Record<string, readonly string[]>> },
): boolean {
  return (
    markingsAllowed(rule, element.refs['object-marking'] ?? []) &&
    organizationsAllowed(rule, element.entityType, element.refs.granted ?? [])
  );
}
