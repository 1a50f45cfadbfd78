import type { StoredElement } from '@lib/entity-store';
import { hasCapability } from '@lib/rbac';
import type { AccessContext, Capability } from '@lib/rbac';
import { requireCapability } from './element-loader';

// data-model.md §4 (capabilities): KNOWLEDGE_KNPARTICIPATE is collaborative creation. Without
// KNOWLEDGE_KNUPDATE, a participant creates notes and opinions and edits the ones he created;
// everything else stays read-only to him.

export const PARTICIPATION_TYPES: ReadonlySet<string> = new Set(['Note', 'Opinion']);

const UPDATE = 'KNOWLEDGE_KNUPDATE';
const PARTICIPATE = 'KNOWLEDGE_KNPARTICIPATE';

/** Either capability writes notes and opinions (a route or operation needs any of them). */
export const ANNOTATION_CAPABILITIES: readonly Capability[] = [UPDATE, PARTICIPATE];

/** May `ctx` write notes and opinions? */
export function mayAnnotate(ctx: AccessContext): boolean {
  return ANNOTATION_CAPABILITIES.some((capability) => hasCapability(ctx, capability));
}

/** May `ctx` create an element of `entityType`? Throws the missing capability otherwise. */
export function requireCreateRight(ctx: AccessContext, entityType: string): void {
  if (PARTICIPATION_TYPES.has(entityType) && hasCapability(ctx, PARTICIPATE)) {
    return;
  }
  requireCapability(ctx, UPDATE);
}

/** Before loading: may `ctx` edit anything at all (update, or participate in his own notes)? */
export function requireSomeEditRight(ctx: AccessContext): void {
  if (!hasCapability(ctx, PARTICIPATE)) {
    requireCapability(ctx, UPDATE);
  }
}

/** May `ctx` edit `element`? A participant edits only the notes and opinions he created. */
export function requireEditRight(ctx: AccessContext, element: StoredElement): void {
  if (hasCapability(ctx, UPDATE)) {
    return;
  }
  const creators = element.attributes.creator_id;
  const own =
    ctx.kind === 'user' &&
    Array.isArray(creators) &&
    creators.includes(ctx.userId) &&
    PARTICIPATION_TYPES.has(element.entityType);
  if (!own || !hasCapability(ctx, PARTICIPATE)) {
    requireCapability(ctx, UPDATE);
  }
}
