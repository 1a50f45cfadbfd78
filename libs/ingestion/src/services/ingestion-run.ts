import type { EntityStore, StoredElement } from '@lib/entity-store';
import { VersionConflictError } from '@lib/entity-store';
import type { IngestionConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { parseStixObject } from '@lib/stix';
import { withWorkCompleted, withWorkProgress, workCounts } from '@lib/works';
import type { WorkError, WorkProgress } from '@lib/works';
import type {
  IngestionReport,
  IngestionRunOptions,
  OutcomeCounts,
  RejectedObject,
} from '../ingestion.types';
import { BatchProcessor } from '../internal/batch-processor';
import type { DraftOutcome } from '../internal/batch-processor';
import { BatchState } from '../internal/batch-state';
import { batchEvents } from '../internal/batch-events';
import { ClaimRegistry } from '../internal/claims';
import type { ElementDraft } from '../internal/draft.types';
import { orderByRefs } from '../internal/order-by-refs';
import { stixToDraft } from '../internal/stix-to-draft';

const COMMIT_ATTEMPTS = 3;
const MAX_REPORTED_REJECTIONS = 10_000;

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
  private nextIndex = 0;
  private warnings = 0;
  private embeddedCreated = 0;
  private readonly started = Date.now();

  constructor(
    private readonly store: EntityStore,
    private readonly config: IngestionConfig,
    private readonly options: IngestionRunOptions,
    private work: StoredElement,
  ) {}

  get workId(): string {
    return this.work.internalId;
  }

  /** Parses and writes one bundle's objects (2.0 objects are upgraded); bad objects are rejected alone. */
  async addObjects(
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
    await this.commitProgress({ expected: objects.length }, rejected);
    const ordered = orderByRefs(drafts);
    for (let i = 0; i < ordered.length; i += this.config.batchSize) {
      await this.processBatch(ordered.slice(i, i + this.config.batchSize), false, source?.name);
    }
    if (this.deferred.length > 0) {
      await this.retryDeferred(false, source?.name);
    }
  }

  /** Retries what still waits for references, rejects what cannot be resolved, completes the work. */
  async finish(): Promise<IngestionReport> {
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
    const done = withWorkCompleted(this.work, 'import finished', new Date().toISOString());
    await this.store.commit({
      upserts: [{ element: done, expectedVersion: this.work.version }],
      deletes: [],
      events: [],
    });
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
    const waiting = orderByRefs(this.deferred.sort((a, b) => a.index - b.index));
    this.deferred = [];
    for (let i = 0; i < waiting.length; i += this.config.batchSize) {
      await this.processBatch(waiting.slice(i, i + this.config.batchSize), final, source);
    }
  }

  private async processBatch(
    drafts: ElementDraft[],
    final: boolean,
    source?: string,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const state = new BatchState(this.store, this.system);
      const processor = new BatchProcessor(state, {
        ctx: this.options.ctx,
        claims: this.claims,
        final,
        dedupDays: this.config.relationDedupDays,
        now: new Date().toISOString(),
      });
      await processor.run(drafts);
      const events = await batchEvents(state, this.origin());
      const changed = [...state.changed].map((id) => state.current.get(id) as StoredElement);
      const tally = this.tally(drafts, processor.outcomes, source);
      const work = withWorkProgress(this.work, tally.progress, new Date().toISOString());
      try {
        await this.store.commit({
          upserts: [
            ...changed.map((element) => ({
              element,
              expectedVersion: state.original.get(element.internalId)?.version ?? 0,
            })),
            { element: work, expectedVersion: this.work.version },
          ],
          deletes: [],
          events,
        });
      } catch (error) {
        if (error instanceof VersionConflictError && attempt < COMMIT_ATTEMPTS) {
          continue;
        }
        throw error;
      }
      this.work = work;
      tally.apply();
      this.embeddedCreated += processor.embeddedCreated;
      this.options.onProgress?.({ workId: this.workId, ...workCounts(work) });
      return;
    }
  }

  /** Counts the outcomes of a batch; applied to the run only once the batch is committed. */
  private tally(
    drafts: ElementDraft[],
    outcomes: Map<ElementDraft, DraftOutcome>,
    source?: string,
  ) {
    const progress: WorkProgress = {
      processed: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
    };
    const deferred: ElementDraft[] = [];
    const rejected: RejectedObject[] = [];
    const typeDelta: [string, keyof OutcomeCounts][] = [];
    let warnings = 0;
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
        deferred.push(draft);
        continue;
      }
      progress.processed = (progress.processed ?? 0) + 1;
      progress[outcome.kind] = (progress[outcome.kind] ?? 0) + 1;
      typeDelta.push([draft.stixType, outcome.kind]);
      warnings += draft.warnings.length;
      if (outcome.kind === 'rejected') {
        const r = {
          index: draft.index,
          id: draft.stixId,
          type: draft.stixType,
          field: outcome.field,
          reason: outcome.reason,
          source,
        };
        rejected.push(r);
        progress.errors?.push(this.toWorkError(r));
      }
    }
    return {
      progress,
      apply: () => {
        this.deferred.push(...deferred);
        this.warnings += warnings;
        typeDelta.forEach(([type, kind]) => this.count(type, kind));
        this.keepRejections(rejected);
      },
    };
  }

  private async commitProgress(progress: WorkProgress, rejected: RejectedObject[]): Promise<void> {
    const full: WorkProgress = {
      ...progress,
      processed: rejected.length,
      rejected: rejected.length,
      errors: rejected.map((r) => this.toWorkError(r)),
    };
    const work = withWorkProgress(this.work, full, new Date().toISOString());
    await this.store.commit({
      upserts: [{ element: work, expectedVersion: this.work.version }],
      deletes: [],
      events: [],
    });
    this.work = work;
    rejected.forEach((r) => this.count(r.type ?? 'unknown', 'rejected'));
    this.keepRejections(rejected);
  }

  private toWorkError(r: RejectedObject): WorkError {
    const where = [`object #${r.index}`, r.id, r.type, r.field ? `field ${r.field}` : undefined]
      .filter(Boolean)
      .join(', ');
    return {
      timestamp: new Date().toISOString(),
      message: r.reason,
      source: r.source ? `${r.source}: ${where}` : where,
    };
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
