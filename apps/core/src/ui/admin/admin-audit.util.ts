import type { AuditService } from '@lib/audit';
import type { StoredElement } from '@lib/entity-store';
import { textOf } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { withoutSecrets } from '../../graphql/access/access-audit.util';

/** What an administration entry names: the changed element. */
export type AdminTarget = { id: string; entityType: string; name: string };

export function targetOf(element: StoredElement): AdminTarget {
  return {
    id: element.internalId,
    entityType: element.entityType,
    name: textOf(element.attributes.name) ?? element.internalId,
  };
}

/**
 * One audit entry for a change made in the admin console, shaped as the GraphQL resolvers record
 * theirs (the same scope, target and input, secrets left out).
 */
export function recordConsoleChange(
  audit: AuditService,
  ctx: AccessContext,
  scope: 'create' | 'update' | 'delete',
  target: AdminTarget,
  input?: unknown,
): void {
  audit.recordAdminChange(ctx, {
    scope,
    entityType: target.entityType,
    entityId: target.id,
    entityName: target.name,
    ...(input === undefined ? {} : { input: { input: withoutSecrets(input) } }),
  });
}
