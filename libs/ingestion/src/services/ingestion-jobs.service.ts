import { Inject, Injectable } from '@nestjs/common';
import { JobQueue } from '@lib/job-queue';
import { IMPORT_BUNDLE_JOB, INGESTION_QUEUE, importBundlePayload } from '../jobs/import-bundle.job';
import type { ImportBundlePayload } from '../jobs/import-bundle.job';
import { invalidJob } from '../jobs/invalid-job.error';

/** Enqueues bundles for the workers, and (in the worker role) consumes them. */
@Injectable()
export class IngestionJobsService {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

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
