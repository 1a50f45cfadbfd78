/** A JSON value: what a job payload may hold (it is stored and transported as JSON text). */
export type JobPayload =
  string | number | boolean | null | JobPayload[] | { [key: string]: JobPayload };

export type EnqueueOptions = {
  /** Not run before this many milliseconds from now. */
  delayMs?: number;
  /** Runs allowed before the job goes to dead letter (default 5). */
  maxAttempts?: number;
};

export type JobDraft = EnqueueOptions & { name: string; payload: JobPayload };

/** One delivery of a job. */
export type Job = {
  id: string;
  queue: string;
  name: string;
  payload: JobPayload;
  /** 1 on the first run; a retry or a redelivery after a lost lease counts one more. */
  attempt: number;
  maxAttempts: number;
  /** ISO-8601. */
  enqueuedAt: string;
};

/**
 * Handles a batch of jobs. Return the jobs that failed, by job id, with their error; the others
 * succeeded. Throwing fails every job of the batch with that error. An `AppError` of category
 * `unavailable` is retried with backoff; any other error sends the job to dead letter at once.
 */
export type JobHandler = (jobs: readonly Job[]) => Promise<ReadonlyMap<string, unknown> | void>;

export type ConsumeOptions = {
  /** Most jobs per handler call. */
  batchSize: number;
  /** Handler calls in flight at once (default 1). */
  concurrency?: number;
  /**
   * How long a batch may run before its jobs are considered lost and delivered again (counting an
   * attempt). It is not renewed while the handler runs: pick it above the slowest batch.
   */
  leaseMs?: number;
};

/** A running consumer. */
export type JobConsumer = {
  /** Stops taking jobs and resolves once the batches in flight are settled. */
  stop(): Promise<void>;
};

export type DeadLetterReason = { code: string; message: string };

/** A job that failed for good; `replay` puts it back on its queue. */
export type DeadLetter = {
  id: string;
  queue: string;
  name: string;
  payload: JobPayload;
  attempts: number;
  reason: DeadLetterReason;
  /** ISO-8601. */
  enqueuedAt: string;
  /** ISO-8601. */
  failedAt: string;
};

export type QueueStats = {
  /** Ready to run now. */
  waiting: number;
  /** Delayed or backing off before a retry. */
  delayed: number;
  /** Running (leased to a consumer). */
  active: number;
  dead: number;
};
