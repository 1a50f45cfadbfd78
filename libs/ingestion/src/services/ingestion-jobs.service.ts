import { Inject, Injectable } from '@nestjs/common';
import { JobQueue } from '@lib/job-queue';
import { WorkService } from '@lib/works';
import { IMPORT_BUNDLE_JOB, INGESTION_QUEUE, importBundlePayload } from '../jobs/import-bundle.job';
import type { ImportBundlePayload } from '../jobs/import-bundle.job';
import { invalidJob } from '../jobs/invalid-job.error';

/** Enqueues bundles for the workers, and (in the worker role) consumes them. */
@Injectable()
export class IngestionJobsService {
  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(WorkService) private readonly works: WorkService,
  ) {}

  /**
   * Queues a bundle for a work its sender follows: the work given (opened with `workAdd`), or one
   * created now. Its objects are added to the work's expectations first, so that the work
   * completes when the worker has processed them all, whenever its sender reports itself done.
   */
  async enqueueBundleWithWork(
    payload: Omit<ImportBundlePayload, 'workId'>,
    target: { userId: string; objects: number; workId?: string },
  ): Promise<{ jobId: string; workId: string }> {
    const workId =
      target.workId ??
      (
        await this.works.create({
          connectorId: payload.connectorId,
          name: payload.workName,
          userId: target.userId,
        })
      ).internalId;
    if (target.objects === 0) {
      // Nothing to wait for: the work ends now (or when its sender says so).
      if (!target.workId) await this.works.toProcessed(workId, 'empty bundle', false);
      return { jobId: '', workId };
    }
    await this.works.addExpectations(workId, target.objects);
    const jobId = await this.enqueueBundle({ ...payload, workId });
    return { jobId, workId };
  }

  async enqueueBundle(payload: ImportBundlePayload): Promise<string> {
    const parsed = importBundlePayload.safeParse(payload);
    if (!parsed.success) {
      throw invalidJob(
        `Invalid import job: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    return this.queue.enqueue(INGESTION_QUEUE, IMPORT_BUNDLE_JOB, parsed.data);
  }
}
