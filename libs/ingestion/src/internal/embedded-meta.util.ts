import { generateStandardId } from '@lib/stix';
import type { EmbeddedDraft } from './draft.types';

// Labels, external references and kill chain phases travel inside STIX objects but are elements of
// their own in the platform (data-model.md §1.5), shared by every object that carries them.

// Labels and kill chain phases are few distinct values repeated on thousands of objects: their
// drafts (frozen, shared) are remembered instead of hashing the same id again for each object.
const MEMO_CAPACITY = 10_000;
const labels = new Map<string, EmbeddedDraft | undefined>();
const phases = new Map<string, EmbeddedDraft | undefined>();

function memoized(
  memo: Map<string, EmbeddedDraft | undefined>,
  key: string,
  make: () => EmbeddedDraft | undefined,
): EmbeddedDraft | undefined {
  if (memo.has(key)) {
    return memo.get(key);
  }
  if (memo.size >= MEMO_CAPACITY) {
    memo.clear();
  }
  const draft = make();
  if (draft) {
    Object.freeze(draft.attributes);
    Object.freeze(draft);
  }
  memo.set(key, draft);
  return draft;
}

export function labelDraft(value: string): EmbeddedDraft | undefined {
  return memoized(labels, value, () => {
    const normalized = value.trim().toLowerCase();
    if (normalized.length === 0) {
      return undefined;
    }
    const attributes = { value: normalized };
    return { entityType: 'Label', standardId: generateStandardId('Label', attributes), attributes };
  });
}

export function externalReferenceDraft(raw: Record<string, unknown>): EmbeddedDraft | undefined {
  const attributes: Record<string, unknown> = {};
  for (const key of ['source_name', 'description', 'url', 'external_id', 'hashes']) {
    const value = raw[key];
    if (value !== undefined && value !== null && value !== '') {
      attributes[key] = value;
    }
  }
  // Without a url, or a source name with an external id, a reference has no standard id (§3.3):
  // pycti drops it; the caller keeps it inline on its owner instead.
  const identifiable =
    typeof attributes.url === 'string' ||
    (typeof attributes.source_name === 'string' && typeof attributes.external_id === 'string');
  if (!identifiable) {
    return undefined;
  }
  return {
    entityType: 'External-Reference',
    standardId: generateStandardId('External-Reference', attributes),
    attributes,
  };
}

export function killChainPhaseDraft(raw: Record<string, unknown>): EmbeddedDraft | undefined {
  const { kill_chain_name: chain, phase_name: phase } = raw;
  if (typeof chain !== 'string' || typeof phase !== 'string') {
    return undefined;
  }
  const order = raw.x_opencti_order ?? raw.order;
  const ordered = typeof order === 'number' ? order : undefined;
  return memoized(phases, JSON.stringify([chain, phase, ordered]), () => {
    const attributes: Record<string, unknown> = { kill_chain_name: chain, phase_name: phase };
    if (ordered !== undefined) {
      attributes.x_opencti_order = ordered;
    }
    return {
      entityType: 'Kill-Chain-Phase',
      standardId: generateStandardId('Kill-Chain-Phase', attributes),
      attributes,
    };
  });
}
