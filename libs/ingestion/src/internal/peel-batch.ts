import type { StoredElement } from '@lib/entity-store';
import type { StreamEventDraft } from '@lib/kernel';
import { withWorkProgress } from '@lib/works';
import type { WorkProgress } from '@lib/works';
import type { DraftOutcome } from './batch-processor';
import type { ElementDraft } from './draft.types';
import { withReferrers } from './with-referrers.util';

// A batch that lost a version conflict, without what another writer changed meanwhile: the rest
// commits as prepared, and the drafts taken out are read again and committed after it.

/** A batch's counts, applied to its run once the batch is committed. */
export type Tally = {
  progress: WorkProgress;
  /** The bundle entries (PendingProgress) the batch's work holds once it is committed. */
  carriedUpTo: number;
  apply: () => void;
};

/** A batch read, merged and ready to commit. */
export type PreparedBatch = {
  drafts: ElementDraft[];
  final: boolean;
  source: string | undefined;
  outcomes: Map<ElementDraft, DraftOutcome>;
  /** The work as it was before this batch. */
  base: StoredElement;
  changed: StoredElement[];
  events: StreamEventDraft[];
  work: StoredElement;
  tally: Tally;
  embeddedCreated: number;
  /** With the state each replaces, as read (see ElementWrite.replaced). */
  upserts: { element: StoredElement; expectedVersion: number; replaced?: StoredElement }[];
  /** Ends this batch's hold on the run's turn at the store (see WriteTurns). */
  release: () => void;
};

/**
 * The batch without the drafts that wrote one of the `changed` elements, as theirs or as meta
 * they embed (their writes, events and counts left out); undefined when some changed element is
 * no draft's (the work itself) or every draft wrote one: then nothing narrower than the batch
 * can be redone.
 */
export function peelBatch(
  batch: PreparedBatch,
  lost: ReadonlySet<string>,
  options: { tally: (drafts: ElementDraft[]) => Tally; persistWork: boolean },
): { rest: PreparedBatch; contended: ElementDraft[] } | undefined {
  // An element this batch would have created, refused because another writer created it
  // first, takes with it what refers to it: redone, those refer to the one stored.
  const created = new Set(
    batch.upserts.filter((u) => u.expectedVersion === 0).map((u) => u.element.internalId),
  );
  const changed = withReferrers(batch.changed, lost, created);
  // A changed meta element (label, external reference…) belongs to the drafts embedding it.
  const metaIds = new Map(
    batch.changed
      .filter((element) => changed.has(element.internalId))
      .map((element) => [element.standardId, element.internalId]),
  );
  const owned = new Set<string>();
  const contended = batch.drafts.filter((draft) => {
    const outcome = batch.outcomes.get(draft);
    const ids = draft.embedded.flatMap((meta) => metaIds.get(meta.standardId) ?? []);
    if (outcome && 'element' in outcome) ids.push(outcome.element.internalId);
    const mine = ids.filter((id) => changed.has(id));
    mine.forEach((id) => owned.add(id));
    return mine.length > 0;
  });
  if (owned.size < changed.size || contended.length === batch.drafts.length) return undefined;
  const out = new Set(contended);
  const drafts = batch.drafts.filter((draft) => !out.has(draft));
  const tally = options.tally(drafts);
  const work = withWorkProgress(batch.base, tally.progress, new Date().toISOString());
  const kept = (element: StoredElement) =>
    !changed.has(element.internalId) && element.internalId !== work.internalId;
  return {
    contended,
    rest: {
      ...batch,
      drafts,
      tally,
      work,
      changed: batch.changed.filter(kept),
      events: batch.events.filter((event) => !changed.has(event.elementId)),
      upserts: [
        ...batch.upserts.filter((upsert) => kept(upsert.element)),
        ...(options.persistWork
          ? [{ element: work, expectedVersion: batch.base.version, replaced: batch.base }]
          : []),
      ],
    },
  };
}
