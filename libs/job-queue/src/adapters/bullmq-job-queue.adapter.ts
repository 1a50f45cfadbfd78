import { Queue, Worker } from 'bullmq';
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { OnModuleDestroy } from '@nestjs/common';
import type { RedisConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import { assertValidJob } from '../assert-valid-job.util';
import { DeadLetterNotFoundError, InvalidJobError } from '../errors/job-queue.error';
import { JobQueue } from '../job-queue.port';
import type {
  ConsumeOptions,
  DeadLetter,
  DeadLetterReason,
  EnqueueOptions,
  JobConsumer,
  JobDraft,
  JobHandler,
  JobPayload,
  QueueStats,
} from '../job-queue.types';
import type { RetryBackoff } from '../retry-delay.util';
import { BullMqConsumer, LEASE_EXPIRED } from './bullmq-consumer';
import type { BullJobData, Fetched } from './bullmq-consumer';
import { RedisDeadLetters } from './redis-dead-letters';

export type BullMqJobQueueOptions = {
  /** Sleep of an idle consumer loop between fetches (default 1 s). */
  pollIntervalMs?: number;
  /** How often expired leases are looked for; one replica checks per interval (default 30 s). */
  stalledIntervalMs?: number;
  /** Default lease of a batch (default 5 min). */
  leaseMs?: number;
  /** Runs allowed when a job does not say (default 5). */
  defaultMaxAttempts?: number;
  /** Retry backoff (default 1 s doubling up to 15 s: a service back is used within 15 s). */
  backoff?: RetryBackoff;
  /** Records failures of consumer loops (default: a process warning). */
  onError?: (error: unknown) => void;
};

// Retries, backoff and dead letters follow the port's rule, not BullMQ's: BullMQ runs each
// job once (attempts 1); a retry is a move to the delayed set; a dead job leaves BullMQ.
const JOB_OPTIONS: JobsOptions = { attempts: 1, removeOnComplete: true, removeOnFail: true };
// Leases are counted by the port's maxAttempts (the job's starts), never by BullMQ's stall limit.
const UNLIMITED_STALLS = 1_000_000_000;

/**
 * Internal jobs on BullMQ over Redis (distributed profile), shared by every replica. A job's
 * attempt is BullMQ's count of its starts, so a lease that expired counts as one.
 */
export class BullMqJobQueue extends JobQueue implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly queues = new Map<string, Queue<BullJobData>>();
  private readonly consumers = new Set<BullMqConsumer>();
  private readonly deadLetters: RedisDeadLetters;
  private readonly settings: Required<BullMqJobQueueOptions>;
  private readonly bullPrefix: string;

  constructor(
    private readonly config: RedisConfig,
    options: BullMqJobQueueOptions = {},
  ) {
    super();
    this.redis = connect(config.url);
    this.bullPrefix = `${config.prefix}bull`;
    this.deadLetters = new RedisDeadLetters(this.redis, config.prefix);
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
      leaseMs: options.leaseMs ?? 300_000,
      defaultMaxAttempts: options.defaultMaxAttempts ?? 5,
      backoff: options.backoff ?? { baseMs: 1000, maxMs: 15_000 },
      onError: options.onError ?? reportConsumerError,
    };
  }

  async enqueue(
    queue: string,
    name: string,
    payload: JobPayload,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const [id] = await this.enqueueMany(queue, [{ ...options, name, payload }]);
    return id ?? '';
  }

  async enqueueMany(queue: string, jobs: readonly JobDraft[]): Promise<string[]> {
    jobs.forEach((job) => assertValidJob(queue, job));
    const target = this.queue(queue);
    const now = Date.now();
    // addBulk is one MULTI: all the jobs or none.
    const added = await this.run('Enqueuing jobs', () =>
      target.addBulk(
        jobs.map((job) => ({
          name: job.name,
          data: {
            payload: job.payload,
            maxAttempts: job.maxAttempts ?? this.settings.defaultMaxAttempts,
            enqueuedAt: now,
          },
          opts: { ...JOB_OPTIONS, delay: job.delayMs },
        })),
      ),
    );
    return added.map((job) => job.id ?? '');
  }

  async consume(queue: string, handler: JobHandler, options: ConsumeOptions): Promise<JobConsumer> {
    const concurrency = options.concurrency ?? 1;
    const leaseMs = options.leaseMs ?? this.settings.leaseMs;
    assertPositive({ batchSize: options.batchSize, concurrency, leaseMs });
    const target = this.queue(queue);
    // BullMQ leaves a connection it was given open: the consumer closes it after the worker.
    const connection = connect(this.config.url);
    const worker = new Worker<BullJobData>(queue, null, {
      connection,
      prefix: this.bullPrefix,
      autorun: false,
      lockDuration: leaseMs,
      stalledInterval: this.settings.stalledIntervalMs,
      maxStalledCount: UNLIMITED_STALLS,
    });
    worker.on('error', (error) => this.settings.onError(error));
    worker.on('stalled', (jobId) => {
      this.buryIfSpent(target, jobId).catch((error: unknown) => this.settings.onError(error));
    });
    const consumer = new BullMqConsumer(worker, handler, {
      ...this.settings,
      queue,
      batchSize: options.batchSize,
      concurrency,
      bury: (fetched, reason, attempts) => this.bury(queue, fetched, reason, attempts),
      closed: async () => {
        await connection.quit();
      },
    });
    this.consumers.add(consumer);
    await this.run('Starting a consumer', () => worker.startStalledCheckTimer());
    consumer.start();
    return {
      stop: async () => {
        await consumer.stop();
        this.consumers.delete(consumer);
      },
    };
  }

  async listDeadLetters(queue: string, options: { limit?: number } = {}): Promise<DeadLetter[]> {
    return await this.run('Listing dead letters', () =>
      this.deadLetters.list(queue, options.limit ?? 100),
    );
  }

  async replay(deadLetterId: string): Promise<void> {
    const letter = await this.run('Replaying a dead letter', () =>
      this.deadLetters.take(deadLetterId),
    );
    if (!letter) {
      throw new DeadLetterNotFoundError(deadLetterId);
    }
    const { queue, name, payload } = letter;
    await this.enqueue(queue, name, payload);
  }

  async stats(queue: string): Promise<QueueStats> {
    const [counts, dead] = await this.run('Counting jobs', () =>
      Promise.all([
        this.queue(queue).getJobCounts('wait', 'prioritized', 'delayed', 'active'),
        this.deadLetters.count(queue),
      ]),
    );
    const count = (state: string) => counts[state] ?? 0;
    return {
      waiting: count('wait') + count('prioritized'),
      delayed: count('delayed'),
      active: count('active'),
      dead,
    };
  }

  /** Stops every consumer of this instance (draining their batches) and closes connections. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.redis.quit();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private queue(name: string): Queue<BullJobData> {
    const existing = this.queues.get(name);
    if (existing) {
      return existing;
    }
    if (name.includes(':')) {
      throw new InvalidJobError('A queue name cannot contain ":"', { queue: name });
    }
    const queue = new Queue<BullJobData>(name, { connection: this.redis, prefix: this.bullPrefix });
    queue.on('error', (error) => this.settings.onError(error));
    this.queues.set(name, queue);
    return queue;
  }

  // The dead letter is recorded before the job leaves BullMQ: a crash in between leaves a
  // duplicate to replay at worst, never a lost job.
  private async bury(
    queue: string,
    { job, token }: Fetched,
    reason: DeadLetterReason,
    attempts: number,
  ): Promise<void> {
    const letter = deadLetterOf(queue, job.id ?? '', job.name, job.data, reason, attempts);
    await this.deadLetters.record(letter);
    try {
      await job.moveToFailed(new Error(reason.message), token, false);
    } catch (error) {
      await this.deadLetters.forget(letter);
      throw error;
    }
  }

  /** A job whose lease expired on its last attempt goes to dead letter, not back to wait. */
  private async buryIfSpent(queue: Queue<BullJobData>, jobId: string): Promise<void> {
    const job = await queue.getJob(jobId);
    if (!job || job.attemptsStarted < job.data.maxAttempts) {
      return;
    }
    const letter = deadLetterOf(
      queue.name,
      jobId,
      job.name,
      job.data,
      LEASE_EXPIRED,
      job.attemptsStarted,
    );
    await this.deadLetters.record(letter);
    try {
      await job.remove();
    } catch (error) {
      // A consumer took it meanwhile: it sees the spent attempts and buries it itself, under the
      // same letter id. The letter stays: forgotten here, it would be missing until then.
      this.settings.onError(error);
    }
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      throw new AppError({
        code: 'JOB_QUEUE_UNAVAILABLE',
        category: 'unavailable',
        message: `${what} failed: Redis (BullMQ) did not answer (${String(error)})`,
        cause: error,
      });
    }
  }
}

function connect(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null: its blocking commands must wait, never fail.
  return new Redis(url, { maxRetriesPerRequest: null });
}

function deadLetterOf(
  queue: string,
  jobId: string,
  name: string,
  data: BullJobData,
  reason: DeadLetterReason,
  attempts: number,
): DeadLetter {
  return {
    id: `${queue}:${jobId}`,
    queue,
    name,
    payload: data.payload,
    attempts,
    reason,
    enqueuedAt: new Date(data.enqueuedAt).toISOString(),
    failedAt: new Date().toISOString(),
  };
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidJobError(`${name} must be a positive integer`, { [name]: value });
    }
  }
}

function reportConsumerError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), {
    code: 'JOB_QUEUE_CONSUMER',
  });
}
