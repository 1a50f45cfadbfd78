import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { INGESTION_CONFIG } from '@lib/config';
import type { IngestionConfig } from '@lib/config';
import { JobQueue } from '@lib/job-queue';
import type { Job, JobConsumer } from '@lib/job-queue';
import { systemContext } from '@lib/rbac';
import { IMPORT_BUNDLE_JOB, INGESTION_QUEUE, importBundlePayload } from '../jobs/import-bundle.job';
import { invalidJob } from '../jobs/invalid-job.error';
import { IngestionService } from './ingestion.service';

/** The worker side: imports queued bundles; a malformed job goes to dead letter with its reason. */
@Injectable()
export class IngestionJobsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestionJobsConsumer.name);
  private consumer: JobConsumer | undefined;

  constructor(
    @Inject(JobQueue) private readonly queue: JobQueue,
    @Inject(IngestionService) private readonly ingestion: IngestionService,
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // One bundle per lane: with several lanes, one bundle is parsed and prepared while another
    // waits on the store.
    this.consumer = await this.queue.consume(INGESTION_QUEUE, (jobs) => this.handle(jobs), {
      batchSize: 1,
      concurrency: this.config.concurrency,
      leaseMs: this.config.leaseSeconds * 1000,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  private async handle(jobs: readonly Job[]): Promise<Map<string, unknown>> {
    const failures = new Map<string, unknown>();
    for (const job of jobs) {
      try {
        await this.importJob(job);
      } catch (error) {
        this.logger.warn(
          `Import job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        failures.set(job.id, error);
      }
    }
    return failures;
  }

  private async importJob(job: Job): Promise<void> {
    if (job.name !== IMPORT_BUNDLE_JOB) {
      throw invalidJob(`Unknown job ${job.name} on queue ${INGESTION_QUEUE}`);
    }
    const parsed = importBundlePayload.safeParse(job.payload);
    if (!parsed.success) {
      throw invalidJob(
        `Invalid import job: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    let bundle: unknown;
    try {
      bundle = JSON.parse(parsed.data.bundle);
    } catch (cause) {
      throw invalidJob('The queued bundle is not JSON', cause);
    }
    const report = await this.ingestion.importBundle(bundle, {
      ctx: systemContext('worker'),
      connectorId: parsed.data.connectorId,
      workName: parsed.data.workName,
      update: parsed.data.update,
      work: parsed.data.workId
        ? { workId: parsed.data.workId, followed: parsed.data.followed === true }
        : 'new',
    });
    this.logger.log(
      `Work ${report.workId}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
    );
  }
}
