import { Logger } from '@nestjs/common';
import type { EntityStore, StoredElement } from '@lib/entity-store';
import { VersionConflictError } from '@lib/entity-store';
import type { IngestionConfig } from '@lib/config';
import { systemContext } from '@lib/rbac';
import { parseStixObject } from '@lib/stix';
import { withWorkCompleted, withWorkProgress, workCounts } from '@lib/works';
import type { WorkProgress } from '@lib/works';
import type {
  IngestionReport,
  IngestionRunOptions,
  OutcomeCounts,
  RejectedObject,
} from '../ingestion.types';
import { BatchProcessor } from '../internal/batch-processor';
import { countOutcomes, workErrorOf } from '../internal/batch-counts';
import type { DraftOutcome } from '../internal/batch-processor';
import { BatchState } from '../internal/batch-state';
import { batchEvents } from '../internal/batch-events';
import { ClaimRegistry } from '../internal/claims';
import type { ElementDraft } from '../internal/draft.types';
import { orderByRefs } from '../internal/order-by-refs';
import { PendingProgress, sumProgress } from '../internal/pending-progress';
import { peelBatch } from '../internal/peel-batch';
import type { PreparedBatch, Tally } from '../internal/peel-batch';
import { stixToDraft } from '../internal/stix-to-draft';
import { WriteTurns } from '../internal/write-turns';

// Workers importing side by side touch the same elements (authors, markings, repeated objects):
// a batch that loses a version conflict is read again and redone, after a random pause growing
// with each attempt so that the contenders do not collide again in step.
const COMMIT_ATTEMPTS = 10;
/** From the first redo on, a batch that lost a version conflict again is redone in halves. */
const SPLIT_FROM_ATTEMPT = 2;
/** Contended elements taken out of a batch that lost before the batch is redone whole. */
const MAX_PEELS = 4;
const REDO_PAUSE_MS = 25;

const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * REDO_PAUSE_MS * 2 ** Math.min(attempt, 6)));

// `failure` never rejects: a commit may fail while the next batch is being prepared.
type InFlight = PreparedBatch & {
  failure: Promise<Error | undefined>;
  /** The store's commit, for the next batch to queue after (WriteBatch.after). */
  commit: Promise<unknown>;
};
const MAX_REPORTED_REJECTIONS = 10_000;

const conflictLogger = new Logger('IngestionRun');

/**
 * One work: objects arrive in bundles, are parsed, ordered by references and written in batches,
 * each batch one transaction with its events and the work's counters. Objects whose references are
 * missing wait for later bundles and are retried a bounded number of rounds at the end.
 */
export class IngestionRun {
  private readonly claims = new ClaimRegistry();
  private readonly system = systemContext('ingestion');
  private readonly byType = new Map<string, OutcomeCounts>();
  private readonly rejections: RejectedObject[] = [];
  private deferred: ElementDraft[] = [];
  private inFlight: InFlight | undefined;
  private readonly pending = new PendingProgress();
  private nextIndex = 0;
  private warnings = 0;
  private embeddedCreated = 0;
  private readonly started = Date.now();

  constructor(
    private readonly store: EntityStore,
    private readonly config: IngestionConfig,
    private readonly options: IngestionRunOptions,
    private work: StoredElement,
    /** False for runs without a recorded work: counts stay in memory. */
    private readonly persistWork = true,
    /**
     * A work followed by its sender (expectations added before the objects were queued): the
     * run's counts are reported to it as they are committed, and the reports complete it.
     */
    private readonly reporter?: (progress: WorkProgress) => Promise<void>,
    /** Shared by the runs of a process: one at a time reads and writes at the store. */
    private readonly turns = new WriteTurns(),
  ) {}

  private reportedProcessed = 0;

  private async reportProgress(progress: WorkProgress): Promise<void> {
    if (!this.reporter) {
      return;
    }
    const { expected: _expected, ...counted } = progress;
    if ((counted.processed ?? 0) === 0 && (counted.errors?.length ?? 0) === 0) {
      return;
    }
    this.reportedProcessed += counted.processed ?? 0;
    await this.reporter(counted);
  }

  get workId(): string {
    return this.work.internalId;
  }

  /**
   * Parses and writes one bundle's objects (2.0 objects are upgraded); bad objects are rejected
   * alone. Returns once the bundle's batches are sent: the last one may still be committing while
   * the caller reads its next bundle and this run prepares it. `finish` waits for every commit.
   */
  addObjects(
    objects: readonly unknown[],
    source?: { specVersion?: '2.0' | '2.1'; name?: string },
  ): Promise<void> {
    return this.leavingOnError(() => this.addAll(objects, source));
  }

  private async addAll(
    objects: readonly unknown[],
    source?: { specVersion?: '2.0' | '2.1'; name?: string },
  ): Promise<void> {
    const drafts: ElementDraft[] = [];
    const rejected: RejectedObject[] = [];
    for (const raw of objects) {
      const index = this.nextIndex++;
      const parsed = parseStixObject(raw, { specVersion: source?.specVersion });
      if (parsed.ok) {
        drafts.push(stixToDraft(index, parsed.object));
      } else {
        const first = parsed.issues[0];
        rejected.push({
          index,
          id: parsed.id,
          type: parsed.type,
          field: first?.path,
          reason: parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          source: source?.name,
        });
      }
    }
    this.pending.add(
      {
        expected: objects.length,
        processed: rejected.length,
        rejected: rejected.length,
        errors: rejected.map((r) => workErrorOf(r)),
      },
      rejected,
    );
    const ordered = orderByRefs(drafts);
    if (!this.inFlight || ordered.length === 0) {
      // Nothing to ride with (or to race): the work takes the bundle's counts at once.
      await this.drain();
      await this.commitPending();
    }
    for (let i = 0; i < ordered.length; i += this.config.batchSize) {
      await this.processBatch(ordered.slice(i, i + this.config.batchSize), false, source?.name);
    }
    if (this.deferred.length > 0) {
      await this.retryDeferred(false, source?.name);
    }
  }

  /** Retries what still waits for references, rejects what cannot be resolved, completes the work. */
  finish(): Promise<IngestionReport> {
    return this.leavingOnError(() => this.finishAll());
  }

  /** A run that fails gives up its turn at the store, whatever its batches held. */
  private async leavingOnError<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.turns.leave(this);
      throw error;
    }
  }

  private async finishAll(): Promise<IngestionReport> {
    // The last batch's deferred drafts are known once it is committed.
    await this.drain();
    for (
      let round = 0;
      round < this.config.missingRefRetries && this.deferred.length > 0;
      round++
    ) {
      const before = this.deferred.length;
      await this.retryDeferred(false);
      if (this.deferred.length === before) {
        break;
      }
    }
    if (this.deferred.length > 0) {
      await this.retryDeferred(true);
    }
    if (this.reporter) {
      // Every object given counts once, whatever became of it (duplicates within a bundle
      // included), so that the work reaches what its sender expected.
      await this.reportProgress({ processed: this.nextIndex - this.reportedProcessed });
      return this.report();
    }
    const done = withWorkCompleted(this.work, 'import finished', new Date().toISOString());
    if (this.persistWork) {
      await this.store.commit({
        upserts: [{ element: done, expectedVersion: this.work.version }],
        deletes: [],
        events: [],
      });
    }
    this.work = done;
    return this.report();
  }

  report(): IngestionReport {
    return {
      workId: this.workId,
      ...workCounts(this.work),
      byType: Object.fromEntries(this.byType),
      rejections: this.rejections,
      warnings: this.warnings,
      embeddedCreated: this.embeddedCreated,
      durationMs: Date.now() - this.started,
    };
  }

  private async retryDeferred(final: boolean, source?: string): Promise<void> {
    await this.drain();
    const waiting = orderByRefs(this.deferred.sort((a, b) => a.index - b.index));
    this.deferred = [];
    for (let i = 0; i < waiting.length; i += this.config.batchSize) {
      await this.processBatch(waiting.slice(i, i + this.config.batchSize), final, source);
    }
    await this.drain();
  }

  /**
   * Prepares a batch while the previous one commits (the store writes on its own thread when it
   * can), as if that one had committed, and sends it queued behind it. If that one fails on a
   * version conflict, this one is skipped and both are redone one after the other.
   */
  private async processBatch(
    drafts: ElementDraft[],
    final: boolean,
    source?: string,
  ): Promise<void> {
    const previous = this.inFlight;
    const batch = await this.prepare(drafts, final, source, previous);
    // It commits only if the one in flight does: the store starts it as soon as that one ends,
    // while this run takes in the outcome.
    const launched = this.launch(batch, previous);
    if (!previous || (await this.settle(previous))) {
      this.inFlight = launched;
      return;
    }
    await launched.failure;
    await this.redo(previous);
    this.inFlight = this.launch(await this.prepare(drafts, final, source, undefined));
  }

  /** Waits for the batch in flight, redoing it when it lost a version conflict. */
  private async drain(): Promise<void> {
    const previous = this.inFlight;
    if (previous && !(await this.settle(previous))) {
      await this.redo(previous);
    }
    this.inFlight = undefined;
  }

  /**
   * Redoes a batch that lost a version conflict, committing before returning. The drafts that
   * wrote the element another writer changed are taken out and the rest is committed as prepared
   * (nothing else in it was refuted: a large batch is not read and merged again for one element),
   * a few times over; then the drafts taken out are read again and committed after it.
   */
  private async redo(failed: InFlight): Promise<void> {
    this.inFlight = undefined;
    const contended = new Set<ElementDraft>();
    let batch = failed;
    for (let peel = 0; peel < MAX_PEELS; peel++) {
      const error = await batch.failure;
      const split =
        error instanceof VersionConflictError
          ? peelBatch(batch, new Set(error.elements), {
              tally: (drafts) =>
                this.tally(drafts, batch.outcomes, batch.source, this.pending.committed),
              persistWork: this.persistWork,
            })
          : undefined;
      if (!split) break;
      split.contended.forEach((draft) => contended.add(draft));
      batch = this.launch({ ...split.rest, release: await this.turns.enter(this) });
      if (await this.settle(batch)) {
        const again = failed.drafts.filter((draft) => contended.has(draft));
        await this.commitAlone(again, failed.final, failed.source, 2);
        return;
      }
    }
    await this.commitAlone(failed.drafts, failed.final, failed.source, 2);
  }

  /**
   * Prepares and commits `drafts` alone. A batch that loses again is split in halves, each
   * committed alone in order (dependencies first, as sorted): the elements other writers contend
   * for end up in small batches, which are quick to redo, and the rest commits. Throws the
   * conflict past COMMIT_ATTEMPTS (queues retry it later: nothing is lost).
   */
  private async commitAlone(
    drafts: ElementDraft[],
    final: boolean,
    source: string | undefined,
    attempt: number,
  ): Promise<void> {
    await pause(attempt - 2);
    const batch = await this.prepare(drafts, final, source, undefined);
    if (await this.settle(this.launch(batch), attempt >= COMMIT_ATTEMPTS)) {
      return;
    }
    if (drafts.length > 1 && attempt >= SPLIT_FROM_ATTEMPT) {
      const half = Math.ceil(drafts.length / 2);
      await this.commitAlone(drafts.slice(0, half), final, source, attempt + 1);
      await this.commitAlone(drafts.slice(half), final, source, attempt + 1);
      return;
    }
    await this.commitAlone(drafts, final, source, attempt + 1);
  }

  /** Prepares a batch in the run's turn at the store, held until the batch is applied. */
  private async prepare(
    ...args: Parameters<IngestionRun['prepareInTurn']>
  ): Promise<PreparedBatch> {
    const release = await this.turns.enter(this);
    try {
      return { ...(await this.prepareInTurn(...args)), release };
    } catch (error) {
      release();
      throw error;
    }
  }

  private async prepareInTurn(
    drafts: ElementDraft[],
    final: boolean,
    source: string | undefined,
    after: InFlight | undefined,
  ): Promise<Omit<PreparedBatch, 'release'>> {
    const state = new BatchState(this.store, this.system);
    after?.changed.forEach((element) => state.seed(element));
    const processor = new BatchProcessor(state, {
      ctx: this.options.ctx,
      claims: this.claims,
      final,
      dedupDays: this.config.relationDedupDays,
      now: new Date().toISOString(),
      synchronized: this.options.synchronized === true,
    });
    await processor.run(drafts);
    const events = await batchEvents(state, this.origin());
    const changed = [...state.changed].map((id) => state.current.get(id) as StoredElement);
    const base = after?.work ?? this.work;
    const since = after ? after.tally.carriedUpTo : this.pending.committed;
    const tally = this.tally(drafts, processor.outcomes, source, since);
    const work = withWorkProgress(base, tally.progress, new Date().toISOString());
    return {
      drafts,
      final,
      source,
      outcomes: processor.outcomes,
      base,
      changed,
      events,
      work,
      tally,
      embeddedCreated: processor.embeddedCreated,
      upserts: [
        ...changed.map((element) => {
          const replaced = state.original.get(element.internalId);
          return { element, expectedVersion: replaced?.version ?? 0, replaced };
        }),
        ...(this.persistWork
          ? [{ element: work, expectedVersion: base.version, replaced: base }]
          : []),
      ],
    };
  }

  /**
   * Commits a prepared batch, after `previous` when given (and only if that one commits); its
   * turn is released once its writes are applied (or it failed).
   */
  private launch(batch: PreparedBatch, previous?: InFlight): InFlight {
    // Nothing to write (an unchanged batch of a run without a recorded work): no transaction.
    const commit =
      batch.upserts.length === 0 && batch.events.length === 0
        ? (previous?.commit ?? Promise.resolve())
        : this.store.commit({
            upserts: batch.upserts,
            deletes: [],
            events: batch.events,
            after: previous?.commit,
            // Another run may read the store as soon as it holds this batch's writes.
            onApplied: batch.release,
          });
    const failure = commit.then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    void failure.then(batch.release);
    return { ...batch, failure, commit };
  }

  /**
   * Waits for a batch's commit and applies its outcomes. False on a version conflict (nothing was
   * written), unless `last`, when the conflict is thrown.
   */
  private async settle(batch: InFlight, last = false): Promise<boolean> {
    const error = await batch.failure;
    if (error !== undefined) {
      if (error instanceof VersionConflictError && !last) {
        conflictLogger.debug(
          `Batch of ${batch.drafts.length} lost a version conflict (${error.message}); redone`,
        );
        return false;
      }
      throw error;
    }
    this.work = batch.work;
    batch.tally.apply();
    await this.reportProgress(batch.tally.progress);
    this.embeddedCreated += batch.embeddedCreated;
    this.options.onProgress?.({ workId: this.workId, ...workCounts(batch.work) });
    return true;
  }

  /** Counts the outcomes of a batch; applied to the run only once the batch is committed. */
  private tally(
    drafts: ElementDraft[],
    outcomes: Map<ElementDraft, DraftOutcome>,
    source: string | undefined,
    since: number,
  ): Tally {
    const counts = countOutcomes(drafts, outcomes, source);
    // The bundles' entries the base work lacks (see PendingProgress).
    const carried = this.pending.after(since);
    const upTo = this.pending.latest;
    return {
      progress: sumProgress([...carried.map((entry) => entry.progress), counts.progress]),
      carriedUpTo: upTo,
      apply: () => {
        this.pending.commit(upTo);
        carried.forEach((entry) => this.countRejected(entry.rejected));
        this.deferred.push(...counts.deferred);
        this.warnings += counts.warnings;
        counts.byType.forEach(([type, kind]) => this.count(type, kind));
        this.keepRejections(counts.rejected);
      },
    };
  }

  /**
   * Commits the bundles' entries the work lacks on their own (no batch may be in flight): the
   * tally of a batch without drafts.
   */
  private async commitPending(): Promise<void> {
    if (this.pending.latest === this.pending.committed) {
      return;
    }
    const tally = this.tally([], new Map(), undefined, this.pending.committed);
    const work = withWorkProgress(this.work, tally.progress, new Date().toISOString());
    if (this.persistWork) {
      await this.store.commit({
        upserts: [{ element: work, expectedVersion: this.work.version }],
        deletes: [],
        events: [],
      });
    }
    this.work = work;
    tally.apply();
    await this.reportProgress(tally.progress);
  }

  private countRejected(rejected: RejectedObject[]): void {
    rejected.forEach((r) => this.count(r.type ?? 'unknown', 'rejected'));
    this.keepRejections(rejected);
  }

  private keepRejections(rejected: RejectedObject[]): void {
    const room = MAX_REPORTED_REJECTIONS - this.rejections.length;
    this.rejections.push(...rejected.slice(0, Math.max(0, room)));
  }

  private count(type: string, kind: keyof OutcomeCounts): void {
    const counts = this.byType.get(type) ?? { created: 0, updated: 0, unchanged: 0, rejected: 0 };
    counts[kind] += 1;
    this.byType.set(type, counts);
  }

  private origin(): Record<string, unknown> {
    return { user_id: this.options.ctx.userId, work_id: this.workId, ...this.options.origin };
  }
}
