import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { AccessContext, Capability } from '@lib/rbac';
import {
  accessRule,
  hasCapability,
  markingsAllowed,
  memberAccessRight,
  rightAtLeast,
  systemContext,
} from '@lib/rbac';
import type { MemberAccessRight } from '@lib/rbac';
import {
  elementNotFound,
  forbiddenElement,
  invalidInput,
  missingCapability,
} from '../errors/knowledge.error';

const SYSTEM = systemContext('knowledge');

/** The element a key designates: the exact internal or standard id first, else the first match. */
export function pickElement(
  key: string,
  found: readonly StoredElement[],
): StoredElement | undefined {
  const lower = key.toLowerCase();
  return (
    found.find((e) => e.internalId === lower) ??
    found.find((e) => e.standardId === lower) ??
    found[0]
  );
}

export function requireCapability(ctx: AccessContext, capability: Capability): void {
  if (!hasCapability(ctx, capability)) {
    throw missingCapability(capability);
  }
}

/**
 * Loads the element `id` designates (any id form) as the caller sees it. Absent → not_found; present
 * but not visible to the caller → forbidden.
 */
export async function loadVisible(
  store: EntityStore,
  ctx: AccessContext,
  id: string,
): Promise<StoredElement> {
  const visible = pickElement(id, (await store.resolve(ctx, [id])).get(id) ?? []);
  if (visible) {
    return visible;
  }
  const any = (await store.resolve(SYSTEM, [id])).get(id) ?? [];
  throw any.length > 0 ? forbiddenElement(id) : elementNotFound(id);
}

/** Resolves referenced ids for an input field; an unknown or invisible one is a validation error. */
export async function resolveRefs(
  store: EntityStore,
  ctx: AccessContext,
  field: string,
  ids: readonly string[],
): Promise<StoredElement[]> {
  const found = await store.resolve(ctx, ids);
  return ids.map((id) => {
    const element = pickElement(id, found.get(id) ?? []);
    if (!element) {
      throw invalidInput(field, `no element ${id}`);
    }
    return element;
  });
}

export const systemKnowledgeContext = (): AccessContext => SYSTEM;

/** data-model.md §4.2: a user may only apply markings it may see content under. */
export function assertMarkingsAllowed(
  ctx: AccessContext,
  field: string,
  markings: readonly StoredElement[],
): void {
  const rule = accessRule(ctx);
  for (const marking of markings) {
    if (!markingsAllowed(rule, [marking.internalId])) {
      throw invalidInput(field, `marking ${marking.standardId} is not allowed to you`);
    }
  }
}

/** §4.4: editing an element with authorized members needs edit, deleting or re-sharing admin. */
export function requireMemberRight(
  ctx: AccessContext,
  element: StoredElement,
  needed: MemberAccessRight,
): void {
  if (!rightAtLeast(memberAccessRight(ctx, element.attributes), needed)) {
    throw forbiddenElement(
      element.internalId,
      `not yours to ${needed === 'admin' ? 'administer' : 'edit'} (authorized members)`,
    );
  }
}
