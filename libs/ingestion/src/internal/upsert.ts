import type { StoredElement } from '@lib/entity-store';
import { normalizeAliases } from './normalize-aliases.util';
import {
  ALWAYS_ADDED_REFS,
  NEWEST_WINS,
  OLDEST_WINS,
  WINDOW_COUNTERS,
  firstWriterWins,
} from './upsert-policy.constants';

export type MarkingInfo = { definitionType: string; order: number };
export type MarkingLookup = (internalId: string) => MarkingInfo | undefined;

export type UpsertInput = {
  /** The incoming state, built from the draft with its refs resolved (internal ids). */
  incoming: StoredElement;
  /** Confidence of the incoming data, already capped by the applicant's max confidence. */
  confidence: number;
  singleRefs: ReadonlySet<string>;
  markings: MarkingLookup;
  now: string;
  /**
   * Full sync (data-model.md §3.8, `synchronized-upsert`): the incoming state replaces what the
   * element says, attributes and refs absent from it included, whatever the confidence.
   */
  synchronized?: boolean;
};

/** Attributes the platform keeps for itself, which no incoming STIX state carries. */
const isPlatformAttribute = (name: string) => name === 'creator_id' || name.startsWith('i_');

/** Refs a synchronized state does not own: organizations are local to each platform. */
const LOCAL_REFS = new Set(['granted']);

function synchronizedParts(
  existing: StoredElement,
  incoming: StoredElement,
): { attributes: Record<string, unknown>; refs: Record<string, string[]> } {
  const attributes: Record<string, unknown> = Object.fromEntries(
    Object.entries(existing.attributes).filter(([name]) => isPlatformAttribute(name)),
  );
  for (const [name, value] of Object.entries(incoming.attributes)) {
    attributes[name] =
      name === 'creator_id'
        ? unionArrays((attributes[name] as unknown[]) ?? [], (value as unknown[]) ?? [], false)
        : value;
  }
  const refs: Record<string, string[]> = Object.fromEntries(
    Object.entries(existing.refs).filter(([rel]) => LOCAL_REFS.has(rel)),
  );
  for (const [rel, targets] of Object.entries(incoming.refs)) {
    if (targets.length > 0) refs[rel] = [...new Set(targets)];
  }
  return { attributes, refs };
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const sameValue = (a: unknown, b: unknown): boolean =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

function unionArrays(current: unknown[], added: unknown[], caseInsensitive: boolean): unknown[] {
  const out = [...current];
  const seen = new Set(
    current.map((v) =>
      caseInsensitive && typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v),
    ),
  );
  for (const value of added) {
    const key =
      caseInsensitive && typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(value);
    }
  }
  return out;
}

/** Markings per definition type: only the highest order is kept (data-model.md §4.2). */
export function reduceMarkings(ids: readonly string[], markings: MarkingLookup): string[] {
  const best = new Map<string, { id: string; order: number }>();
  const unknown: string[] = [];
  for (const id of ids) {
    const info = markings(id);
    if (!info) {
      unknown.push(id);
      continue;
    }
    const current = best.get(info.definitionType);
    if (!current || info.order > current.order) {
      best.set(info.definitionType, { id, order: info.order });
    }
  }
  const kept = new Set([...[...best.values()].map((b) => b.id), ...unknown]);
  return ids.filter((id) => kept.has(id)).filter((id, i, all) => all.indexOf(id) === i);
}

function mergeAttribute(
  name: string,
  stored: unknown,
  incoming: unknown,
  gate: boolean,
  entityType: string,
): unknown {
  if (isEmpty(incoming)) {
    return stored;
  }
  if (isEmpty(stored)) {
    return incoming;
  }
  if (OLDEST_WINS.has(name) && typeof stored === 'string' && typeof incoming === 'string') {
    return incoming < stored ? incoming : stored;
  }
  if (NEWEST_WINS.has(name) && typeof stored === 'string' && typeof incoming === 'string') {
    return incoming > stored ? incoming : stored;
  }
  if (Array.isArray(stored) && Array.isArray(incoming)) {
    return unionArrays(stored, incoming, name === 'aliases' || name === 'x_opencti_aliases');
  }
  if (isPlainObject(stored) && isPlainObject(incoming)) {
    return gate ? { ...stored, ...incoming } : { ...incoming, ...stored };
  }
  if (name === 'confidence' && typeof stored === 'number' && typeof incoming === 'number') {
    return gate ? Math.max(stored, incoming) : stored;
  }
  if (!gate || firstWriterWins(entityType).has(name)) {
    return stored;
  }
  return incoming;
}

function mergeRefs(
  existing: StoredElement,
  input: UpsertInput,
  gate: boolean,
): Record<string, string[]> {
  const refs: Record<string, string[]> = { ...existing.refs };
  const existingConfidence =
    typeof existing.attributes.confidence === 'number' ? existing.attributes.confidence : 0;
  for (const [rel, targets] of Object.entries(input.incoming.refs)) {
    const stored = refs[rel] ?? [];
    if (targets.length === 0) {
      continue;
    }
    if (input.singleRefs.has(rel)) {
      // createdBy needs strictly higher confidence once set; other single refs follow the gate.
      const allowed =
        stored.length === 0 ||
        (rel === 'created-by' ? input.confidence > existingConfidence : gate);
      refs[rel] = allowed ? [targets[0] as string] : stored;
    } else if (rel === 'object-marking') {
      refs[rel] = reduceMarkings([...stored, ...targets], input.markings);
    } else if (gate || ALWAYS_ADDED_REFS.has(rel) || stored.length === 0) {
      refs[rel] = [...new Set([...stored, ...targets])];
    }
  }
  return refs;
}

function mergeAttributes(
  existing: StoredElement,
  incoming: StoredElement,
  gate: boolean,
): Record<string, unknown> {
  const attributes: Record<string, unknown> = { ...existing.attributes };
  for (const [name, value] of Object.entries(incoming.attributes)) {
    if (name === 'creator_id') {
      attributes[name] = unionArrays(
        (attributes[name] as unknown[]) ?? [],
        (value as unknown[]) ?? [],
        false,
      );
      continue;
    }
    attributes[name] = mergeAttribute(name, attributes[name], value, gate, existing.entityType);
  }
  for (const [counter, [start, end]] of Object.entries(WINDOW_COUNTERS)) {
    const widened =
      !sameValue(attributes[start], existing.attributes[start]) ||
      !sameValue(attributes[end], existing.attributes[end]);
    const added = incoming.attributes[counter];
    const stored = existing.attributes[counter];
    if (widened && typeof added === 'number' && typeof stored === 'number') {
      attributes[counter] = stored + added;
    }
  }
  // A renamed element may now be named like one of its aliases.
  normalizeAliases(attributes);
  return attributes;
}

/** Whether the incoming object is an older STIX version (`modified`) than the one stored. */
function olderVersion(existing: StoredElement, incoming: StoredElement): boolean {
  const stored = existing.attributes.modified;
  const given = incoming.attributes.modified;
  return typeof stored === 'string' && typeof given === 'string' && given < stored;
}

/**
 * Upsert of an incoming state into an existing element (data-model.md §3.8): never deletes, fills
 * gaps at any confidence, changes values only at equal or higher confidence. Returns the existing
 * object itself when nothing changes, so callers can tell by identity.
 */
export function upsertInto(existing: StoredElement, input: UpsertInput): StoredElement {
  const existingConfidence =
    typeof existing.attributes.confidence === 'number' ? existing.attributes.confidence : 0;
  // At equal confidence the newer STIX version wins (OpenCTI: whichever comes last), so that
  // copies of an object arriving in any order, from any number of workers, converge.
  const gate =
    input.confidence > existingConfidence ||
    (input.confidence === existingConfidence && !olderVersion(existing, input.incoming));
  const { attributes, refs } = input.synchronized
    ? synchronizedParts(existing, input.incoming)
    : {
        attributes: mergeAttributes(existing, input.incoming, gate),
        refs: mergeRefs(existing, input, gate),
      };
  const stixIds = [...new Set([...existing.stixIds, ...input.incoming.stixIds])].filter(
    (id) => id !== existing.standardId,
  );
  const aliasIds = [...new Set([...existing.aliasIds, ...input.incoming.aliasIds])];
  const lookupKeys = [...new Set([...existing.lookupKeys, ...input.incoming.lookupKeys])];
  const unchanged =
    sameValue(attributes, existing.attributes) &&
    sameValue(refs, existing.refs) &&
    stixIds.length === existing.stixIds.length &&
    aliasIds.length === existing.aliasIds.length &&
    lookupKeys.length === existing.lookupKeys.length;
  if (unchanged) {
    return existing;
  }
  return {
    ...existing,
    attributes,
    refs,
    stixIds,
    aliasIds,
    lookupKeys,
    updatedAt: input.now,
    version: existing.version + 1,
  };
}
