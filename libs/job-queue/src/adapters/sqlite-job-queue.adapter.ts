import type { OnModuleDestroy } from '@nestjs/common';
import type { JobQueueConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import { SqliteDurableQueue, SqliteQueueConsumer, failureReason, sqliteFailure } from '@lib/sqlite';
import type {
  DurableDeadLetter,
  DurableMessage,
  DurableSettlement,
  SqliteDatabase,
} from '@lib/sqlite';
import { assertValidJob } from '../assert-valid-job.util';
import { DeadLetterNotFoundError, InvalidJobError } from '../errors/job-queue.error';
import { JobQueue } from '../job-queue.port';
import type {
  ConsumeOptions,
  DeadLetter,
  EnqueueOptions,
  Job,
  JobConsumer,
  JobDraft,
  JobHandler,
  JobPayload,
  QueueStats,
} from '../job-queue.types';
import { retryDelayMs } from '../retry-delay.util';
import type { RetryBackoff } from '../retry-delay.util';

export type SqliteJobQueueOptions = {
  /** Longest idle sleep of a consumer; enqueues in this process wake it at once (default 1 s). */
  pollIntervalMs?: number;
  /** Default lease of a batch (default 5 min). */
  leaseMs?: number;
  /** Runs allowed when a job does not say (default 5). */
  defaultMaxAttempts?: number;
  /** Retry backoff (default 1 s doubling up to 15 s: a service back is used within 15 s). */
  backoff?: RetryBackoff;
  /** Records storage failures of consumer loops (default: a process warning). */
  onError?: (error: unknown) => void;
};

const REALM = 'jobs';
const NAME_HEADER = 'name';

/** Jobs kept in the shared SQLite file, consumed by in-process loops (embedded profile). */
export class SqliteJobQueue extends JobQueue implements OnModuleDestroy {
  private readonly engine: SqliteDurableQueue;
  private readonly consumers = new Set<SqliteQueueConsumer>();
  private readonly settings: Required<SqliteJobQueueOptions>;

  constructor(
    database: SqliteDatabase,
    _config: JobQueueConfig,
    options: SqliteJobQueueOptions = {},
  ) {
    super();
    this.engine = guard(() => SqliteDurableQueue.for(database, REALM));
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      leaseMs: options.leaseMs ?? 300_000,
      defaultMaxAttempts: options.defaultMaxAttempts ?? 5,
      backoff: options.backoff ?? { baseMs: 1000, maxMs: 15_000 },
      onError: options.onError ?? reportConsumerError,
    };
  }

  enqueue(
    queue: string,
    name: string,
    payload: JobPayload,
    options: EnqueueOptions = {},
  ): Promise<string> {
    return run(() => {
      const [id] = this.store(queue, [{ ...options, name, payload }]);
      return id ?? '';
    });
  }

  enqueueMany(queue: string, jobs: readonly JobDraft[]): Promise<string[]> {
    return run(() => this.store(queue, jobs));
  }

  consume(queue: string, handler: JobHandler, options: ConsumeOptions): Promise<JobConsumer> {
    return run(() => {
      const concurrency = options.concurrency ?? 1;
      const leaseMs = options.leaseMs ?? this.settings.leaseMs;
      assertPositive({ batchSize: options.batchSize, concurrency, leaseMs });
      const consumer = new SqliteQueueConsumer(
        this.engine,
        { ...this.settings, queue, batchSize: options.batchSize, concurrency, leaseMs },
        (messages) => this.runBatch(handler, messages),
      );
      this.consumers.add(consumer);
      consumer.start();
      return {
        stop: async () => {
          await consumer.stop();
          this.consumers.delete(consumer);
        },
      };
    });
  }

  listDeadLetters(queue: string, options: { limit?: number } = {}): Promise<DeadLetter[]> {
    return run(() =>
      this.engine.deadLetters(queue, { limit: options.limit ?? 100 }).map(toDeadLetter),
    );
  }

  replay(deadLetterId: string): Promise<void> {
    return run(() => {
      if (!/^[1-9][0-9]{0,15}$/.test(deadLetterId) || !this.engine.replay(deadLetterId)) {
        throw new DeadLetterNotFoundError(deadLetterId);
      }
    });
  }

  stats(queue: string): Promise<QueueStats> {
    return run(() => this.engine.stats(queue));
  }

  /** Stops every consumer of this instance, draining their batches in flight. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private store(queue: string, jobs: readonly JobDraft[]): string[] {
    jobs.forEach((job) => assertValidJob(queue, job));
    return this.engine.enqueue(
      jobs.map((job) => ({
        queue,
        body: JSON.stringify(job.payload),
        headers: { [NAME_HEADER]: job.name },
        delayMs: job.delayMs,
        maxAttempts: job.maxAttempts ?? this.settings.defaultMaxAttempts,
      })),
    );
  }

  private async runBatch(
    handler: JobHandler,
    messages: DurableMessage[],
  ): Promise<DurableSettlement[]> {
    const settlements: DurableSettlement[] = [];
    const jobs: Job[] = [];
    for (const message of messages) {
      try {
        jobs.push(toJob(message));
      } catch (error) {
        settlements.push({ ref: message, action: 'dead', reason: failureReason(error) });
      }
    }
    const parsed = new Set(jobs.map((job) => job.id));
    const delivered = messages.filter((message) => parsed.has(message.id));
    if (delivered.length === 0) {
      return settlements;
    }
    try {
      const failures = (await handler(jobs)) ?? new Map<string, unknown>();
      return settlements.concat(
        delivered.map((message) =>
          failures.has(message.id)
            ? this.failed(message, failures.get(message.id))
            : { ref: message, action: 'ack' },
        ),
      );
    } catch (error) {
      return settlements.concat(delivered.map((message) => this.failed(message, error)));
    }
  }

  private failed(message: DurableMessage, error: unknown): DurableSettlement {
    const reason = failureReason(error);
    if (error instanceof AppError && error.retryable) {
      const delayMs = retryDelayMs(message.attempts, this.settings.backoff);
      return { ref: message, action: 'retry', delayMs, reason };
    }
    return { ref: message, action: 'dead', reason };
  }
}

function toJob(message: DurableMessage): Job {
  return {
    id: message.id,
    queue: message.queue,
    name: message.headers[NAME_HEADER] ?? '',
    payload: JSON.parse(message.body) as JobPayload,
    attempt: message.attempts,
    maxAttempts: message.maxAttempts ?? Number.POSITIVE_INFINITY,
    enqueuedAt: new Date(message.enqueuedAt).toISOString(),
  };
}

function toDeadLetter(dead: DurableDeadLetter): DeadLetter {
  return {
    id: dead.id,
    queue: dead.queue,
    name: dead.headers[NAME_HEADER] ?? '',
    payload: JSON.parse(dead.body) as JobPayload,
    attempts: dead.attempts,
    reason: dead.reason,
    enqueuedAt: new Date(dead.enqueuedAt).toISOString(),
    failedAt: new Date(dead.deadAt).toISOString(),
  };
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidJobError(`${name} must be a positive integer`, { [name]: value });
    }
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw sqliteFailure(error, 'JOB_QUEUE_STORAGE_FAILED', 'The job queue storage failed');
  }
}

/** Runs synchronous storage work as a promise, with driver errors translated at the edge. */
function run<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(guard(fn)));
}

function reportConsumerError(error: unknown): void {
  const failure = sqliteFailure(error, 'JOB_QUEUE_STORAGE_FAILED', 'A job consumer loop failed');
  process.emitWarning(failure, { code: failure.code });
}
