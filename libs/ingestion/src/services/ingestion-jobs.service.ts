import { Inject, Injectable } from '@nestjs/common';
import { JobQueue } from '@lib/job-queue';
import { WorkService } from '@lib/works';
import { IMPORT_BUNDLE_JOB, INGESTION_QUEUE, importBundlePayload } from '../jobs/import-bundle.job';
import type { ImportBundlePayload } from '../jobs/import-bundle.job';
import { invalidJob } from '../jobs/invalid-job.error';

/**
 * Runs an import gets before it is dead-lettered. A run fails (and is retried) when a service it
 * writes to is down; with the queue's backoff (1 s doubling up to 15 s) 40 runs ride out about
 * nine minutes of outage and resume within 15 s of the service's return, where 5 gave up after
 * 15 s (an OpenSearch restart takes longer).
 */
export const IMPORT_MAX_ATTEMPTS = 40;

/** Enqueues bundles for the workers, and (in the worker role) consumes them. */
@Injectable()
export class IngestionJobsService {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(WorkService) private readonly works: WorkService,
  ) {}

  /**
   * Queues a bundle with a work its sender can follow. A work the sender opened (`workAdd`) gets
   * the bundle's objects added to its expectations, so that it completes when the worker has
   * processed them all, whenever its sender reports itself done; otherwise a work is created now
   * and the import completes it.
   */
  async enqueueBundleWithWork(
    payload: Omit<ImportBundlePayload, 'workId' | 'followed'>,
    target: { userId: string; objects: number; workId?: string },
  ): Promise<{ jobId: string; workId: string }> {
    if (target.workId) {
      await this.works.addExpectations(target.workId, target.objects);
      if (target.objects === 0) return { jobId: '', workId: target.workId };
      const jobId = await this.enqueueBundle({ ...payload, workId: target.workId, followed: true });
      return { jobId, workId: target.workId };
    }
    const work = await this.works.create({
      connectorId: payload.connectorId,
      name: payload.workName,
      userId: target.userId,
    });
    const jobId = await this.enqueueBundle({ ...payload, workId: work.internalId });
    return { jobId, workId: work.internalId };
  }

  async enqueueBundle(payload: ImportBundlePayload): Promise<string> {
    const parsed = importBundlePayload.safeParse(payload);
    if (!parsed.success) {
      throw invalidJob(
        `Invalid import job: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return this.queue.enqueue(INGESTION_QUEUE, IMPORT_BUNDLE_JOB, parsed.data, {
      maxAttempts: IMPORT_MAX_ATTEMPTS,
    });
  }
}
