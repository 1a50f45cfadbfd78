import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';

/** Notes and opinions are written with KNUPDATE, or by participants (KNPARTICIPATE). */
export function canAnnotate(ctx: AccessContext): boolean {
  return hasCapability(ctx, 'KNOWLEDGE_KNUPDATE') || hasCapability(ctx, 'KNOWLEDGE_KNPARTICIPATE');
}
