import type { AuditService } from '@lib/audit';
import type { StoredElement } from '@lib/entity-store';
import type { EditInput } from '../knowledge/write/mutation-inputs.model';
import { accessOf } from '../knowledge/define-operation.util';
import type { KnowledgeGraphqlContext } from '../knowledge/read/knowledge-context.types';

// Never written to the audit log, whatever the mutation carried.
const SECRET_KEYS = new Set(['password', 'api_token', 'plaintext_token', 'token_hash']);

/** The input as the audit log keeps it: passwords and tokens replaced by "(secret)". */
export function withoutSecrets(input: unknown): unknown {
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

type Target = { id: string; entity_type: string; name: string };

/** What an access edit resolver's service does (users, groups, roles). */
export type AccessEditService = {
  require(id: string): Promise<StoredElement>;
  edit(id: string, input: readonly EditInput[]): Promise<StoredElement>;
  delete(id: string): Promise<string>;
};

/** The audited edits every `userEdit`/`groupEdit`/`roleEdit` shares: changes, patches, deletion. */
export class AuditedAccessEdits<M extends Target> {
  constructor(
    private readonly service: AccessEditService,
    private readonly audit: AuditService,
    private readonly view: (element: StoredElement) => M,
  ) {}

  /** Audits an administration change and answers the element's view. */
  changed(ctx: KnowledgeGraphqlContext, element: StoredElement, input: unknown): M {
    const view = this.view(element);
    recordAdminChange(this.audit, ctx, 'update', view, input);
    return view;
  }

  async fieldPatch(ctx: KnowledgeGraphqlContext, id: string, input: (EditInput | null)[]) {
    const present = input.filter((i): i is EditInput => i !== null);
    return this.changed(ctx, await this.service.edit(id, present), present);
  }

  async delete(ctx: KnowledgeGraphqlContext, id: string): Promise<string> {
    const before = this.view(await this.service.require(id));
    const deleted = await this.service.delete(id);
    recordAdminChange(this.audit, ctx, 'delete', before);
    return deleted;
  }
}
