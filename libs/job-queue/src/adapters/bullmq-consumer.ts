import { randomUUID } from 'node:crypto';
import type { Job as BullJob, Worker } from 'bullmq';
import { AppError } from '@lib/kernel';
import type { DeadLetterReason, Job, JobHandler, JobPayload } from '../job-queue.types';
import { retryDelayMs } from '../retry-delay.util';
import type { RetryBackoff } from '../retry-delay.util';

/** What a BullMQ job carries besides its name. */
export type BullJobData = { payload: JobPayload; maxAttempts: number; enqueuedAt: number };

export type Fetched = { job: BullJob<BullJobData>; token: string };

export type BullMqConsumerSettings = {
  queue: string;
  batchSize: number;
  concurrency: number;
  pollIntervalMs: number;
  backoff: RetryBackoff;
  /** Sends a job to dead letter (it holds the job's lock with `token`). */
  bury(fetched: Fetched, reason: DeadLetterReason, attempts: number): Promise<void>;
  onError(error: unknown): void;
  /** Called once the worker is closed (to release what it was given). */
  closed(): Promise<void>;
};

export const LEASE_EXPIRED: DeadLetterReason = {
  code: 'LEASE_EXPIRED',
  message: 'Every consumer of the job stopped answering before settling it',
};

/**
 * A consumer of one BullMQ queue: `concurrency` loops, each taking up to `batchSize` jobs
 * (manual fetching, so that jobs arrive in batches and a lock is never renewed: the lease),
 * running the handler and settling every job on its own.
 */
export class BullMqConsumer {
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private lanes: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly worker: Worker<BullJobData>,
    private readonly handler: JobHandler,
    private readonly settings: BullMqConsumerSettings,
  ) {}

  start(): void {
    this.lanes = Array.from({ length: this.settings.concurrency }, () => this.lane());
  }

  /** Stops fetching, waits for the batches in flight, then closes the worker (and its connection). */
  stop(): Promise<void> {
    this.stopped ??= this.drain();
    return this.stopped;
  }

  private async drain(): Promise<void> {
    this.stopping = true;
    this.sleepers.forEach((wake) => wake());
    await Promise.all(this.lanes);
    await this.worker.close();
    await this.settings.closed();
  }

  private async lane(): Promise<void> {
    while (!this.stopping) {
      try {
        const batch = await this.fetchBatch();
        if (batch.length === 0) {
          await this.sleep(this.settings.pollIntervalMs);
        } else {
          await this.runBatch(batch);
        }
      } catch (error) {
        this.settings.onError(error);
        await this.sleep(this.settings.pollIntervalMs);
      }
    }
  }

  private async fetchBatch(): Promise<Fetched[]> {
    const batch: Fetched[] = [];
    while (batch.length < this.settings.batchSize && !this.stopping) {
      const token = randomUUID();
      const job = (await this.worker.getNextJob(token, { block: false })) as
        BullJob<BullJobData> | undefined;
      if (!job) {
        break;
      }
      // A job whose leases all expired comes back with more starts than attempts allowed.
      if (job.attemptsStarted > job.data.maxAttempts) {
        await this.settings.bury({ job, token }, LEASE_EXPIRED, job.attemptsStarted - 1);
      } else {
        batch.push({ job, token });
      }
    }
    return batch;
  }

  private async runBatch(batch: Fetched[]): Promise<void> {
    const jobs = batch.map(({ job }) => toJob(this.settings.queue, job));
    let failures: ReadonlyMap<string, unknown>;
    try {
      failures = (await this.handler(jobs)) ?? new Map<string, unknown>();
    } catch (error) {
      failures = new Map(jobs.map((job) => [job.id, error]));
    }
    await Promise.all(
      batch.map(async (fetched) => {
        try {
          await this.settle(fetched, failures);
        } catch (error) {
          // Typically the lease expired and another consumer took the job: it runs there.
          this.settings.onError(error);
        }
      }),
    );
  }

  private async settle(fetched: Fetched, failures: ReadonlyMap<string, unknown>): Promise<void> {
    const { job, token } = fetched;
    if (!failures.has(job.id ?? '')) {
      await job.moveToCompleted(null, token, false);
      return;
    }
    const error = failures.get(job.id ?? '');
    const attempt = job.attemptsStarted;
    if (error instanceof AppError && error.retryable && attempt < job.data.maxAttempts) {
      await job.moveToDelayed(Date.now() + retryDelayMs(attempt, this.settings.backoff), token);
      return;
    }
    await this.settings.bury(fetched, reasonOf(error), attempt);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function toJob(queue: string, job: BullJob<BullJobData>): Job {
  return {
    id: job.id ?? '',
    queue,
    name: job.name,
    payload: job.data.payload,
    attempt: job.attemptsStarted,
    maxAttempts: job.data.maxAttempts,
    enqueuedAt: new Date(job.data.enqueuedAt).toISOString(),
  };
}

export function reasonOf(error: unknown): DeadLetterReason {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    return { code: 'JOB_FAILED', message: error.message };
  }
  return { code: 'JOB_FAILED', message: String(error) };
}
