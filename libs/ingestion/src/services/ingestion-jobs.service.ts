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
   * Creates the bundle's work now, so that its sender can follow it, then queues the bundle; the
   * worker imports into that work.
   */
  async enqueueBundleWithWork(
    payload: Omit<ImportBundlePayload, 'workId'>,
    userId: string,
  ): Promise<{ jobId: string; workId: string }> {
    const work = await this.works.create({
      connectorId: payload.connectorId,
      name: payload.workName,
      userId,
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
    return this.queue.enqueue(INGESTION_QUEUE, IMPORT_BUNDLE_JOB, parsed.data);
  }
}
