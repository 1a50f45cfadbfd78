import {
  generateAliasIds,
  generateHashIds,
  generateStandardId,
  hasDeterministicId,
  isHashedObservableType,
  isObservableType,
  normalizeObservable,
} from '@lib/stix';

/** Standard ids of the elements an id depends on: relationship ends and some refs. */
export type IdContext = {
  from?: string;
  to?: string;
  /** Ref relationship type → standard ids of its targets. */
  refs?: Readonly<Record<string, readonly string[]>>;
};

export type ElementIds = {
  /** Undefined for types whose id is random (no deterministic contribution). */
  standardId: string | undefined;
  aliasIds: string[];
  hashIds: string[];
  lookupKeys: string[];
};

const FUZZY_HASHES = new Set(['SSDEEP', 'SDHASH', 'TLSH', 'LZJD']);

// The data a standard id is computed from (data-model.md §3.2–3.5), refs as standard ids.
function contribution(
  entityType: string,
  attributes: Readonly<Record<string, unknown>>,
  ids: IdContext,
): Record<string, unknown> {
  const ref = (type: string) => ids.refs?.[type] ?? [];
  if (entityType === 'stix-sighting-relationship') {
    return {
      sighting_of_ref: ids.from,
      where_sighted_refs: ids.to ? [ids.to] : [],
      first_seen: attributes.first_seen,
      last_seen: attributes.last_seen,
    };
  }
  if (ids.from !== undefined || ids.to !== undefined) {
    return {
      relationship_type: entityType,
      source_ref: ids.from,
      target_ref: ids.to,
      start_time: attributes.start_time,
      stop_time: attributes.stop_time,
    };
  }
  const data = isObservableType(entityType)
    ? normalizeObservable(entityType, { ...attributes })
    : { ...attributes };
  switch (entityType) {
    case 'Observed-Data':
      return { ...data, objects: ref('object') };
    case 'Email-Message':
      return { ...data, from_ref: ref('from')[0] };
    case 'Network-Traffic':
      return { ...data, src_ref: ref('src')[0], dst_ref: ref('dst')[0] };
    case 'Security-Coverage':
      return { ...data, objectCovered: ref('object-covered')[0] };
    default:
      return data;
  }
}

/**
 * Every id an element's data gives it (data-model.md §3): standard id, alias ids, per-hash ids and
 * hash lookup keys. Throws the id generator's validation error when contributing fields are missing.
 */
export function elementIds(
  entityType: string,
  attributes: Readonly<Record<string, unknown>>,
  ids: IdContext = {},
): ElementIds {
  if (!hasDeterministicId(entityType)) {
    return { standardId: undefined, aliasIds: [], hashIds: [], lookupKeys: [] };
  }
  const data = contribution(entityType, attributes, ids);
  const standardId = generateStandardId(entityType, data);
  const relation = ids.from !== undefined || entityType === 'stix-sighting-relationship';
  const aliasIds = relation
    ? []
    : generateAliasIds(entityType, data).filter((id) => id !== standardId);
  const hashes = data.hashes;
  if (!isHashedObservableType(entityType) || typeof hashes !== 'object' || hashes === null) {
    return { standardId, aliasIds, hashIds: [], lookupKeys: [] };
  }
  const hashIds = generateHashIds(entityType, hashes).filter((id) => id !== standardId);
  const lookupKeys = Object.entries(hashes as Record<string, unknown>)
    .filter(([algo, value]) => !FUZZY_HASHES.has(algo) && typeof value === 'string')
    .map(([algo, value]) => `hash:${entityType}:${algo}:${String(value)}`.toLowerCase());
  return { standardId, aliasIds, hashIds, lookupKeys };
}
