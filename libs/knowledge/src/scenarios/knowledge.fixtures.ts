import type { StoredElement } from '@lib/entity-store';
import type { AccessContext, Capability } from '@lib/rbac';
import { KnowledgeCreateService } from '../services/knowledge-create.service';
import type { KnowledgeHarness } from '../testing/knowledge-harness';

export type MetaObjects = {
  green: StoredElement;
  amber: StoredElement;
  label: StoredElement;
  reference: StoredElement;
  phase: StoredElement;
  author: StoredElement;
};

/** Markings, a label, an external reference, a kill chain phase and an author, created via the API. */
export async function createMetaObjects(
  h: KnowledgeHarness,
  ctx: AccessContext,
): Promise<MetaObjects> {
  const create = h.get(KnowledgeCreateService);
  const tlp = (definition: string, order: number) =>
    create.create(ctx, 'Marking-Definition', {
      definition_type: 'TLP',
      definition,
      x_opencti_order: order,
      x_opencti_color: '#ffffff',
    });
  return {
    green: await tlp('TLP:GREEN', 2),
    amber: await tlp('TLP:AMBER', 3),
    label: await create.create(ctx, 'Label', { value: 'ransomware', color: '#ff0000' }),
    reference: await create.create(ctx, 'External-Reference', {
      source_name: 'vendor',
      url: 'https://example.com/report',
    }),
    phase: await create.create(ctx, 'Kill-Chain-Phase', {
      kill_chain_name: 'mitre-attack',
      phase_name: 'execution',
    }),
    author: await create.create(ctx, 'Identity', { type: 'Organization', name: 'ACME CERT' }),
  };
}

/** A user context that may see only the given markings. */
export function userContext(
  allowed: readonly StoredElement[],
  capabilities: readonly Capability[] = ['KNOWLEDGE_KNUPDATE_KNDELETE', 'KNOWLEDGE_KNUPLOAD'],
): AccessContext {
  return {
    kind: 'user',
    userId: '0b4e8c8e-5e3a-4d1a-9b7a-2f3c4d5e6f70',
    userName: 'analyst',
    capabilities: new Set(capabilities),
    bypass: false,
    allowedMarkings: new Set(allowed.map((m) => m.internalId)),
    organizations: 'all',
    maxConfidence: 100,
  };
}
