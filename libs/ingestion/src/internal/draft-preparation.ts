import { AppError } from '@lib/kernel';
import type { ElementHead } from '@lib/entity-store';
import type { BatchState } from './batch-state';
import { draftIds } from './draft-ids';
import type { DraftIds } from './draft-ids';
import type { ElementDraft } from './draft.types';

/** A draft whose refs and ends are resolved to elements and whose ids are computed. */
export type Prepared = {
  draft: ElementDraft;
  refs: Record<string, string[]>;
  unresolved: Record<string, string[]>;
  /** The two ends of a relationship (heads: an end is only referred to). */
  from?: ElementHead;
  to?: ElementHead;
  ids: DraftIds;
};

export type Preparation =
  | { kind: 'prepared'; prepared: Prepared }
  | { kind: 'rejected'; reason: string; field?: string; missingReference?: boolean }
  | { kind: 'deferred'; missing: string[] };

function resolveRefs(state: BatchState, draft: ElementDraft) {
  const refs: Record<string, string[]> = {};
  const unresolved: Record<string, string[]> = {};
  const missing: string[] = [];
  for (const [rel, targets] of Object.entries(draft.refs)) {
    const found: string[] = [];
    for (const target of targets) {
      const element = state.designated(target);
      if (element) {
        found.push(element.internalId);
      } else {
        missing.push(target);
        (unresolved[rel] ??= []).push(target);
      }
    }
    if (found.length > 0) {
      refs[rel] = found;
    }
  }
  return { refs, unresolved, missing };
}

/**
 * Resolves a draft's refs and ends and computes its ids. Missing references defer it, except in the
 * final round, where a missing end rejects it and a missing optional ref is kept unresolved.
 */
export function prepareDraft(state: BatchState, draft: ElementDraft, final: boolean): Preparation {
  const { refs, unresolved, missing } = resolveRefs(state, draft);
  const from = draft.fromStixId ? state.designated(draft.fromStixId) : undefined;
  const to = draft.toStixId ? state.designated(draft.toStixId) : undefined;
  if (draft.baseType === 'RELATION') {
    if (!draft.fromStixId || !draft.toStixId) {
      const field = draft.fromStixId ? 'target_ref' : 'source_ref';
      return { kind: 'rejected', reason: `a ${draft.entityType} needs both ends`, field };
    }
    const ends = [from ? undefined : draft.fromStixId, to ? undefined : draft.toStixId].filter(
      (x): x is string => x !== undefined,
    );
    if (ends.length > 0 && final) {
      const reason = `missing reference ${ends.join(', ')}`;
      return {
        kind: 'rejected',
        reason,
        field: from ? 'target_ref' : 'source_ref',
        missingReference: true,
      };
    }
    missing.push(...ends);
  }
  if (missing.length > 0 && !final) {
    return { kind: 'deferred', missing: [...new Set(missing)] };
  }
  if (from && to && from.internalId === to.internalId) {
    const reason = 'a relationship cannot link an object to itself';
    return { kind: 'rejected', reason, field: 'target_ref' };
  }
  const standardIdsOf = (rel: string) =>
    (refs[rel] ?? [])
      .map((id) => state.known(id)?.standardId)
      .filter((s): s is string => s !== undefined);
  try {
    const ids = draftIds(draft, { from: from?.standardId, to: to?.standardId }, standardIdsOf);
    return { kind: 'prepared', prepared: { draft, refs, unresolved, from, to, ids } };
  } catch (error) {
    if (error instanceof AppError && error.category === 'validation') {
      return { kind: 'rejected', reason: error.message };
    }
    throw error;
  }
}
