import { AppError } from '@lib/kernel';
import type { WorkError, WorkProgress } from '@lib/works';
import type { OutcomeCounts, RejectedObject } from '../ingestion.types';
import type { DraftOutcome } from './batch-processor';
import type { ElementDraft } from './draft.types';

/** What a batch's outcomes add to its run, counted before the batch commits. */
export type BatchCounts = {
  progress: WorkProgress;
  /** Drafts still waiting for references. */
  deferred: ElementDraft[];
  rejected: RejectedObject[];
  /** One entry per object counted: its STIX type and outcome. */
  byType: [string, keyof OutcomeCounts][];
  warnings: number;
};

/** A rejection as the work records it: the message and where (object, id, type, field). */
export function workErrorOf(r: RejectedObject): WorkError {
  const where = [`object #${r.index}`, r.id, r.type, r.field ? `field ${r.field}` : undefined]
    .filter(Boolean)
    .join(', ');
  return {
    timestamp: new Date().toISOString(),
    message: r.reason,
    source: r.source ? `${r.source}: ${where}` : where,
  };
}

/** Counts the outcomes of `drafts`; every draft must have one. */
export function countOutcomes(
  drafts: readonly ElementDraft[],
  outcomes: ReadonlyMap<ElementDraft, DraftOutcome>,
  source?: string,
): BatchCounts {
  const progress: WorkProgress = {
    processed: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
  };
  const counts: BatchCounts = { progress, deferred: [], rejected: [], byType: [], warnings: 0 };
  for (const draft of drafts) {
    const outcome = outcomes.get(draft);
    if (!outcome) {
      throw new AppError({
        code: 'INGESTION_NO_OUTCOME',
        category: 'internal',
        message: `No outcome for ${draft.stixId}`,
      });
    }
    if (outcome.kind === 'deferred') {
      counts.deferred.push(draft);
      continue;
    }
    progress.processed = (progress.processed ?? 0) + 1;
    progress[outcome.kind] = (progress[outcome.kind] ?? 0) + 1;
    counts.byType.push([draft.stixType, outcome.kind]);
    counts.warnings += draft.warnings.length;
    if (outcome.kind === 'rejected') {
      const r = {
        index: draft.index,
        id: draft.stixId,
        type: draft.stixType,
        field: outcome.field,
        reason: outcome.reason,
        ...(outcome.missingReference ? { missingReference: true } : {}),
        source,
      };
      counts.rejected.push(r);
      progress.errors?.push(workErrorOf(r));
    }
  }
  return counts;
}
