import { isCustomType, isOrganizationRestrictedType, storedMemberList } from '@lib/stix';
import type { AccessContext, AccessRule } from './access-context.types';

/** The ref (derived by the stores from `restricted_members`) naming an element's members. */
export const RESTRICTED_TO = 'restricted-to';
/** The member id that stands for everyone (§4.4). */
export const ALL_MEMBERS = 'ALL';

export function accessRule(ctx: AccessContext): AccessRule {
  if (ctx.bypass) {
    return { markings: 'all', organizations: 'all', principals: 'all' };
  }
  return {
    markings: ctx.allowedMarkings,
    organizations: ctx.organizations,
    principals: new Set([ALL_MEMBERS, ctx.userId, ...(ctx.principals ?? [])]),
  };
}

/** The member ids of a `restricted_members` attribute ([{ id, access_right }]). */
export function restrictedMemberIds(value: unknown): string[] {
  const list = storedMemberList(value);
  if (!Array.isArray(list)) return [];
  return list
    .map((m) => (m && typeof m === 'object' ? (m as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** §4.4: an element with authorized members is visible to them only (an empty list: to all). */
export function membersAllowed(rule: AccessRule, memberIds: readonly string[]): boolean {
  if (rule.principals === 'all' || memberIds.length === 0) return true;
  const mine = rule.principals;
  return memberIds.some((id) => mine.has(id));
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
  hasMembers = false,
): boolean {
  // Authorized members, when set, replace organization segregation (§4.4).
  if (rule.organizations === 'all' || hasMembers) return true;
  if (!isOrganizationRestrictedType(entityType, isCustomType(entityType))) return true;
  const mine = rule.organizations;
  return granted.some((id) => mine.has(id));
}

/** Both rules over a stored element's type and refs (for checks that cannot run in a query). */
export function elementAllowed(
  rule: AccessRule,
  element: {
    entityType: string;
    refs: Readonly<Record<string, readonly string[]>>;
    attributes: Readonly<Record<string, unknown>>;
  },
): boolean {
  const members = restrictedMemberIds(element.attributes.restricted_members);
  return (
    markingsAllowed(rule, element.refs['object-marking'] ?? []) &&
    organizationsAllowed(
      rule,
      element.entityType,
      element.refs.granted ?? [],
      members.length > 0,
    ) &&
    membersAllowed(rule, members)
  );
}

export type MemberAccessRight = 'none' | 'view' | 'use' | 'edit' | 'admin';
const RIGHTS: readonly MemberAccessRight[] = ['none', 'view', 'use', 'edit', 'admin'];

/**
 * The reader's right on an element (§4.4): admin without authorized members (capabilities decide)
 * or for BYPASS; else the highest right the members list gives one of his ids.
 */
export function memberAccessRight(
  ctx: AccessContext,
  attributes: Readonly<Record<string, unknown>>,
): MemberAccessRight {
  const list = storedMemberList(attributes.restricted_members);
  const ids = restrictedMemberIds(list);
  if (ids.length === 0 || ctx.bypass) return 'admin';
  const rule = accessRule(ctx);
  let best = 0;
  for (const member of Array.isArray(list) ? list : []) {
    const { id, access_right: right } = (member ?? {}) as { id?: unknown; access_right?: unknown };
    if (typeof id !== 'string' || !membersAllowed(rule, [id])) continue;
    best = Math.max(
      best,
      RIGHTS.indexOf(typeof right === 'string' ? (right as MemberAccessRight) : 'view'),
    );
  }
  return RIGHTS[best] ?? 'none';
}

export function rightAtLeast(held: MemberAccessRight, needed: MemberAccessRight): boolean {
  return RIGHTS.indexOf(held) >= RIGHTS.indexOf(needed);
}
