import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, VersionConflictError, deleteElement, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { NewWork } from '../work-element.util';
import {
  newWorkElement,
  withWorkCompleted,
  withWorkMessage,
  withWorkProgress,
  withWorkStatus,
  workCounts,
} from '../work-element.util';
import type { WorkError, WorkProgress } from '../work.types';

/**
 * Works (connector-protocol.md §3): created, read, counted and completed here. A work completes
 * when its processed count reaches what was expected, or when its sender reports it processed
 * with nothing left to wait for (§3.3).
 */
@Injectable()
export class WorkService {
  private readonly system = systemContext('works');

  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  async create(work: Omit<NewWork, 'now'>): Promise<StoredElement> {
    for (let attempt = 1; ; attempt++) {
      const element = newWorkElement({ ...work, now: new Date().toISOString() });
      try {
        await this.store.commit({
          upserts: [{ element, expectedVersion: 0 }],
          deletes: [],
          events: [],
        });
        return element;
      } catch (error) {
        // Ids are `work_<connector>_<time>`: a work of the same connector created in the same
        // millisecond holds it; the next millisecond gives another.
        if (work.internalId || !(error instanceof VersionConflictError) || attempt >= 5)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
  }

  async find(workId: string): Promise<StoredElement | undefined> {
    const work = await this.store.get(this.system, workId);
    return work?.entityType === 'work' ? work : undefined;
  }

  async get(workId: string): Promise<StoredElement> {
    const work = await this.find(workId);
    if (!work) {
      throw new AppError({
        code: 'WORK_NOT_FOUND',
        category: 'not_found',
        message: `No work ${workId}`,
      });
    }
    return work;
  }

  /** A work is alive until it is deleted (the worker drops the messages of dead works). */
  async isAlive(workId: string): Promise<boolean> {
    return (await this.find(workId)) !== undefined;
  }

  /** `workEdit.addExpectations`: more objects are on their way to the work. */
  async addExpectations(workId: string, expectations: number): Promise<StoredElement> {
    return this.update(
      workId,
      (work, now) => withWorkProgress(work, { expected: expectations }, now),
      'WORK_NOT_ALIVE',
    );
  }

  /**
   * Counts processed objects (and their outcomes and errors); completes the work once everything
   * expected was processed. `reportExpectation` is `report(id, { processed: 1, errors })`.
   */
  async report(workId: string, progress: WorkProgress): Promise<StoredElement> {
    return this.update(
      workId,
      (work, now) => {
        const next = withWorkProgress(work, progress, now);
        const counts = workCounts(next);
        // A multipart work may get more expectations: it waits for its sender's `toProcessed`.
        const senderDone =
          next.attributes.is_multipart !== true || !!next.attributes.processed_time;
        const done = senderDone && counts.expected > 0 && counts.processed >= counts.expected;
        return done && next.attributes.status !== 'complete'
          ? withWorkCompleted(next, undefined, now)
          : next;
      },
      'WORK_NOT_ALIVE',
    );
  }

  /**
   * `workEdit.toReceived`: the connector took the job. With `multipart`, the sender will send in
   * several parts: the work waits for its `toProcessed` before it completes, however early the
   * parts sent so far are all processed.
   */
  async toReceived(
    workId: string,
    message: string | undefined,
    options: { multipart?: boolean } = {},
  ): Promise<StoredElement> {
    return this.update(workId, (work, now) => {
      const received = withWorkStatus(work, 'progress', { received_time: now }, now);
      const marked = options.multipart
        ? { ...received, attributes: { ...received.attributes, is_multipart: true } }
        : received;
      return withWorkMessage(marked, message, false, now);
    });
  }

  /**
   * `workEdit.toProcessed`: the sender is done. Completes the work when nothing is awaited any
   * more; otherwise the last processed object will.
   */
  async toProcessed(
    workId: string,
    message: string | undefined,
    inError: boolean,
  ): Promise<StoredElement> {
    return this.update(workId, (work, now) => {
      const marked = inError
        ? { ...work, attributes: { ...work.attributes, in_error: true } }
        : work;
      const noted = withWorkMessage(marked, message, inError, now);
      const withTime: StoredElement = {
        ...noted,
        attributes: { ...noted.attributes, processed_time: now },
      };
      const counts = workCounts(withTime);
      if (
        withTime.attributes.status !== 'complete' &&
        (counts.expected === 0 || counts.processed >= counts.expected)
      ) {
        return withWorkCompleted(withTime, undefined, now, counts.expected === 0 ? 1 : undefined);
      }
      return withTime;
    });
  }

  /** `workEdit.ping`: a long job is still running. */
  async ping(workId: string): Promise<StoredElement> {
    return this.update(workId, (work, now) => ({
      ...work,
      updatedAt: now,
      version: work.version + 1,
    }));
  }

  /** `workEdit.addDraftContext`. */
  async setDraftContext(workId: string, draftId: string): Promise<StoredElement> {
    return this.update(workId, (work, now) => ({
      ...work,
      attributes: { ...work.attributes, draft_context: draftId },
      updatedAt: now,
      version: work.version + 1,
    }));
  }

  /** Deletes a work; idempotent. */
  async delete(workId: string): Promise<void> {
    await deleteElement(this.store, this.system, workId);
  }

  private async update(
    workId: string,
    change: (work: StoredElement, now: string) => StoredElement,
    missingCode = 'WORK_NOT_FOUND',
  ): Promise<StoredElement> {
    const updated = await updateElement(this.store, this.system, workId, (work, now) =>
      work.entityType === 'work' ? change(work, now) : undefined,
    );
    if (!updated || updated.entityType !== 'work') {
      throw new AppError({
        code: missingCode,
        category: 'not_found',
        message: `No work ${workId} (deleted, or never created)`,
      });
    }
    return updated;
  }
}

export type { WorkError };
