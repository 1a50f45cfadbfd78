import type { AuditService } from '@lib/audit';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';

// Never written to the audit log, whatever the mutation carried.
const SECRET_KEYS = new Set(['password', 'api_token', 'plaintext_token', 'token_hash']);

function withoutSecrets(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(withoutSecrets);
  if (!input || typeof input !== 'object') return input;
  const record = input as Record<string, unknown>;
  if (typeof record.key === 'string' && SECRET_KEYS.has(record.key)) {
    return { ...record, value: ['(secret)'] };
  }
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [
      k,
      SECRET_KEYS.has(k) ? '(secret)' : withoutSecrets(v),
    ]),
  );
}

/** One audit entry for an administration change (users, groups, roles, settings). */
export function recordAdminChange(
  audit: AuditService,
  ctx: KnowledgeGraphqlContext,
  scope: 'create' | 'update' | 'delete',
  target: { id: string; entity_type: string; name: string },
  input?: unknown,
): void {
  audit.recordAdminChange(accessOf(ctx), {
    scope,
    entityType: target.entity_type,
    entityId: target.id,
    entityName: target.name,
    ...(input === undefined ? {} : { input: { input: withoutSecrets(input) } }),
  });
}
