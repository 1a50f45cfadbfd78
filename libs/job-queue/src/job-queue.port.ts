import type {
  ConsumeOptions,
  DeadLetter,
  EnqueueOptions,
  JobConsumer,
  JobDraft,
  JobHandler,
  JobPayload,
  QueueStats,
} from './job-queue.types';

/**
 * Internal durable background jobs (exports, imports, rules, retention…). Delivery is
 * at-least-once and always asynchronous: a job runs after `enqueue` returns, never inline. A
 * handler receives batches. Failures follow one rule (STYLE.md 2.6): an `AppError` of category
 * `unavailable`, or a lease that expired, is retried with exponential backoff until `maxAttempts`;
 * anything else goes to dead letter at once. Dead letters keep the reason and can be replayed.
 */
export abstract class JobQueue {
  /**
   * Stores one job durably and returns its id. Throws a validation error (`JOB_INVALID`,
   * `JOB_INVALID_PAYLOAD`) when the names or options are wrong or the payload is not plain JSON.
   */
  abstract enqueue(
    queue: string,
    name: string,
    payload: JobPayload,
    options?: EnqueueOptions,
  ): Promise<string>;

  /** Stores several jobs atomically (all or none) and returns their ids, in order. */
  abstract enqueueMany(queue: string, jobs: readonly JobDraft[]): Promise<string[]>;

  /**
   * Runs `handler` on batches of `queue` until the returned consumer is stopped. Several
   * consumers (in this process or others) may share a queue; each job goes to one of them.
   */
  abstract consume(
    queue: string,
    handler: JobHandler,
    options: ConsumeOptions,
  ): Promise<JobConsumer>;

  /** Dead letters of `queue`, oldest first (at most `limit`, default 100). */
  abstract listDeadLetters(queue: string, options?: { limit?: number }): Promise<DeadLetter[]>;

  /**
   * Puts a dead letter back on its queue with fresh attempts. Throws `JOB_DEAD_LETTER_NOT_FOUND`
   * (not_found) when there is no such dead letter (e.g. already replayed).
   */
  abstract replay(deadLetterId: string): Promise<void>;

  /** Job counts of `queue` by state. */
  abstract stats(queue: string): Promise<QueueStats>;
}
