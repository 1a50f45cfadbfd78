import type { StoredElement } from '@lib/entity-store';
import type { BatchState } from './batch-state';
import type { ClaimRegistry } from './claims';
import type { Prepared } from './draft-preparation';
import type { ElementDraft } from './draft.types';
import { relationWithinWindow } from './relation-window.util';

/** Ids that designate exactly this object: its own STIX id, the ones it lists, its internal id. */
export function exactKeys(draft: ElementDraft): string[] {
  return [
    draft.stixId,
    ...draft.extraStixIds,
    ...(draft.internalIdHint ? [draft.internalIdHint] : []),
  ];
}

/**
 * Existing elements a prepared draft may be (data-model.md §3.8): exact id matches win; otherwise
 * elements sharing a derived id (standard id, alias ids, hashes) or, for relationships, the same
 * type and ends within the time window — minus what the same-source rule keeps apart.
 */
export function matchCandidates(
  state: BatchState,
  claims: ClaimRegistry,
  dedupDays: number,
  p: Prepared,
): StoredElement[] {
  const { draft, ids } = p;
  const sameType = (e: StoredElement) => e.entityType === draft.entityType;
  const exact = state.candidates(exactKeys(draft)).filter(sameType);
  // A revoked object is a historical record under its own id: derived ids (names, aliases…)
  // never fold it into a live object, nor a live object into it.
  if (exact.length > 0 || draft.attributes.revoked === true) {
    return exact;
  }
  const derivedKeys = [ids.standardId, ...ids.aliasIds, ...ids.hashIds, ...ids.lookupKeys];
  let derived = state.candidates(derivedKeys).filter(sameType);
  if (p.from && p.to) {
    const between = state.relationsBetween(draft.entityType, p.from.internalId, p.to.internalId);
    derived = [...derived, ...between.filter((e) => relationWithinWindow(e, draft, dedupDays))];
  }
  return derived.filter(
    (e, i, all) =>
      all.indexOf(e) === i &&
      e.attributes.revoked !== true &&
      !claims.heldByAnotherObject(e.internalId, draft.author, draft.stixId),
  );
}
