import {
  cleanupIndicatorPattern,
  generateAliasIds,
  generateHashIds,
  generateStandardId,
  hasDeterministicId,
  isHashedObservableType,
} from '@lib/stix';
import type { ElementDraft } from './draft.types';

export type DraftIds = {
  standardId: string;
  aliasIds: string[];
  /** Per-hash ids of hashed observables (kept as STIX ids, data-model.md §3.4). */
  hashIds: string[];
  lookupKeys: string[];
};

/** Standard ids of the referenced objects, by ref type (only what the id contribution needs). */
export type RefStandardIds = (relationshipType: string) => string[];

// Types whose standard id depends on the standard ids of the objects they reference.
const REF_DEPENDENT = new Set([
  'Observed-Data',
  'Email-Message',
  'Network-Traffic',
  'Security-Coverage',
]);

export function idDependsOnRefs(draft: ElementDraft): boolean {
  return draft.baseType === 'RELATION' || REF_DEPENDENT.has(draft.entityType);
}

const FUZZY_HASHES = new Set(['SSDEEP', 'SDHASH', 'TLSH', 'LZJD']);

function contribution(
  draft: ElementDraft,
  ends: { from?: string; to?: string },
  refs: RefStandardIds,
): Record<string, unknown> {
  const a = draft.attributes;
  if (draft.entityType === 'stix-sighting-relationship') {
    return {
      sighting_of_ref: ends.from,
      where_sighted_refs: ends.to ? [ends.to] : [],
      first_seen: a.first_seen,
      last_seen: a.last_seen,
    };
  }
  if (draft.baseType === 'RELATION') {
    return {
      relationship_type: draft.entityType,
      source_ref: ends.from,
      target_ref: ends.to,
      start_time: a.start_time,
      stop_time: a.stop_time,
    };
  }
  switch (draft.entityType) {
    case 'Observed-Data':
      return { ...a, objects: refs('object') };
    case 'Email-Message':
      return { ...a, from_ref: refs('from')[0] };
    case 'Network-Traffic':
      return { ...a, src_ref: refs('src')[0], dst_ref: refs('dst')[0] };
    case 'Security-Coverage':
      return { ...a, objectCovered: refs('object-covered')[0] };
    default:
      return a;
  }
}

/** Every id of a draft (data-model.md §3); throws the id generator's error when elements are missing. */
export function draftIds(
  draft: ElementDraft,
  ends: { from?: string; to?: string },
  refs: RefStandardIds,
): DraftIds {
  if (draft.entityType === 'Indicator' && typeof draft.attributes.pattern === 'string') {
    const type =
      typeof draft.attributes.pattern_type === 'string' ? draft.attributes.pattern_type : 'stix';
    draft.attributes.pattern = cleanupIndicatorPattern(type, draft.attributes.pattern);
  }
  if (!hasDeterministicId(draft.entityType)) {
    return { standardId: draft.stixId, aliasIds: [], hashIds: [], lookupKeys: [] };
  }
  const data = contribution(draft, ends, refs);
  const standardId = generateStandardId(draft.entityType, data);
  const aliasIds =
    draft.baseType === 'ENTITY'
      ? generateAliasIds(draft.entityType, data).filter((id) => id !== standardId)
      : [];
  const hashes = draft.attributes.hashes;
  if (!isHashedObservableType(draft.entityType) || typeof hashes !== 'object' || hashes === null) {
    return { standardId, aliasIds, hashIds: [], lookupKeys: [] };
  }
  const hashIds = generateHashIds(draft.entityType, hashes as Record<string, string>).filter(
    (id) => id !== standardId,
  );
  const lookupKeys = Object.entries(hashes as Record<string, unknown>)
    .filter(([algo, value]) => !FUZZY_HASHES.has(algo) && typeof value === 'string')
    .map(([algo, value]) => `hash:${draft.entityType}:${algo}:${String(value)}`.toLowerCase());
  return { standardId, aliasIds, hashIds, lookupKeys };
}
