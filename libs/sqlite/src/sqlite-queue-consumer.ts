import type { SqliteDurableQueue } from './sqlite-durable-queue';
import type { DurableMessage, DurableSettlement } from './sqlite-durable-queue.types';

export type SqliteQueueConsumerOptions = {
  queue: string;
  /** Most messages per batch (one claim each). */
  batchSize: number;
  /** Batches processed at the same time. */
  concurrency: number;
  /** How long a claimed batch stays leased; past it, its messages are delivered again. */
  leaseMs: number;
  /**
   * Longest idle sleep between two polls. Enqueues in this process wake the consumer at once;
   * polling only matters for other processes sharing the file.
   */
  pollIntervalMs: number;
  /** Records a storage failure of the loop (the loop backs off and goes on). */
  onError: (error: unknown) => void;
};

/** Turns a claimed batch into its outcomes; must not throw (a throw leaves the leases to expire). */
export type DurableBatchProcessor = (messages: DurableMessage[]) => Promise<DurableSettlement[]>;

const FIRST_IDLE_MS = 5;

/**
 * The consumer loop over a durable queue: claims batches while a concurrency slot is free, runs
 * them, settles each in one transaction; when idle, sleeps until the next due message, a wake-up
 * from an enqueue, or the poll interval, whichever comes first. `stop()` drains in-flight batches.
 */
export class SqliteQueueConsumer {
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private woken = false;
  private claimFailed = false;
  private wakeSleeper: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly engine: SqliteDurableQueue,
    private readonly options: SqliteQueueConsumerOptions,
    private readonly processor: DurableBatchProcessor,
  ) {}

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.unsubscribe = this.engine.onEnqueued((queue) => {
      if (queue === this.options.queue) {
        this.wake();
      }
    });
    this.loop = this.run();
  }

  /** Stops claiming, waits for the batches in flight to be settled. Idempotent. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let idleMs = FIRST_IDLE_MS;
    while (this.running) {
      const claimed = this.claimWhileFree();
      if (!this.running) {
        break;
      }
      idleMs = claimed ? FIRST_IDLE_MS : Math.min(idleMs * 2, this.options.pollIntervalMs);
      await this.sleep(this.idleDelay(idleMs));
    }
    await Promise.all(this.inFlight);
  }

  private claimWhileFree(): boolean {
    let claimed = false;
    while (this.running && this.inFlight.size < this.options.concurrency) {
      const batch = this.tryClaim();
      if (batch.length === 0) {
        break;
      }
      claimed = true;
      this.dispatch(batch);
    }
    return claimed;
  }

  private tryClaim(): DurableMessage[] {
    const { queue, batchSize, leaseMs } = this.options;
    try {
      this.claimFailed = false;
      return this.engine.claim(queue, batchSize, leaseMs);
    } catch (error) {
      this.claimFailed = true;
      this.options.onError(error);
      return [];
    }
  }

  private dispatch(batch: DurableMessage[]): void {
    const task = this.process(batch).finally(() => {
      this.inFlight.delete(task);
      this.wake();
    });
    this.inFlight.add(task);
  }

  private async process(batch: DurableMessage[]): Promise<void> {
    try {
      this.engine.settle(await this.processor(batch));
    } catch (error) {
      // The batch stays leased: its messages come back when the lease expires (at-least-once).
      this.options.onError(error);
    }
  }

  /** Milliseconds to sleep before the next claim: until something is due, capped. */
  private idleDelay(idleMs: number): number {
    if (this.claimFailed) {
      return this.options.pollIntervalMs;
    }
    if (this.inFlight.size >= this.options.concurrency) {
      // Nothing can be claimed until a batch ends (which wakes us); meanwhile keep sweeping
      // expired leases so that dead letters appear on time.
      this.trySweep();
      return this.options.pollIntervalMs;
    }
    return this.untilDue(idleMs);
  }

  private trySweep(): void {
    try {
      this.engine.sweep(this.options.queue);
    } catch (error) {
      this.options.onError(error);
    }
  }

  private untilDue(capMs: number): number {
    try {
      const dueAt = this.engine.nextDueAt(this.options.queue);
      return dueAt === undefined ? capMs : Math.max(0, Math.min(capMs, dueAt - Date.now()));
    } catch (error) {
      this.options.onError(error);
      return capMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || ms === 0) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        this.woken = false;
        resolve();
      };
      this.wakeSleeper = done;
    });
  }

  private wake(): void {
    if (this.wakeSleeper) {
      this.wakeSleeper();
    } else {
      this.woken = true;
    }
  }
}
