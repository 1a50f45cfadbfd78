import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './sqlite-database';
import {
  prepareDurableQueueStatements,
  toDeadLetter,
  toMessage,
  toRowId,
} from './sqlite-durable-queue-statements';
import {
  DURABLE_QUEUE_COMPONENT,
  DURABLE_QUEUE_MIGRATIONS,
  LEASE_EXPIRED_REASON,
} from './sqlite-durable-queue.constants';
import type {
  DurableDeadLetter,
  DurableMessage,
  DurableMessageDraft,
  DurableQueueStats,
  DurableSettlement,
} from './sqlite-durable-queue.types';
import { writeTransaction } from './write-transaction.util';

/**
 * The durable queue engine shared by the embedded job queue and connector bus: messages live in
 * one table, a consumer claims a whole batch in one UPDATE…RETURNING and settles it in one
 * transaction. Every method is synchronous (better-sqlite3); the adapters add the async surface.
 * One instance per database and realm (see `for`), so in-process wake-ups reach every consumer.
 */
export class SqliteDurableQueue {
  private static readonly instances = new WeakMap<
    SqliteDatabase,
    Map<string, SqliteDurableQueue>
  >();

  private readonly listeners = new Set<(queue: string) => void>();
  private readonly pendingWakeUps = new Set<string>();
  private readonly statements: ReturnType<typeof prepareDurableQueueStatements>;

  private constructor(
    private readonly database: SqliteDatabase,
    private readonly realm: string,
  ) {
    database.migrate(DURABLE_QUEUE_COMPONENT, DURABLE_QUEUE_MIGRATIONS);
    this.statements = prepareDurableQueueStatements(database);
  }

  /** The engine of `realm` (e.g. `jobs`, `bus`) on `database`, created once. */
  static for(database: SqliteDatabase, realm: string): SqliteDurableQueue {
    let byRealm = SqliteDurableQueue.instances.get(database);
    if (!byRealm) {
      byRealm = new Map();
      SqliteDurableQueue.instances.set(database, byRealm);
    }
    let engine = byRealm.get(realm);
    if (!engine) {
      engine = new SqliteDurableQueue(database, realm);
      byRealm.set(realm, engine);
    }
    return engine;
  }

  /** Stores the messages atomically (inside the caller's transaction if any); returns their ids. */
  enqueue(drafts: readonly DurableMessageDraft[]): string[] {
    const now = Date.now();
    const ids = writeTransaction(this.database, () =>
      drafts.map((draft) => {
        const result = this.statements.insert.run({
          realm: this.realm,
          queue: draft.queue,
          body: draft.body,
          headers: JSON.stringify(draft.headers ?? {}),
          maxAttempts: draft.maxAttempts ?? null,
          availableAt: now + (draft.delayMs ?? 0),
          now,
        });
        return String(result.lastInsertRowid);
      }),
    );
    this.wakeUp(drafts.map((draft) => draft.queue));
    return ids;
  }

  /**
   * Leases up to `limit` deliverable messages of `queue` for `leaseMs`, oldest due first, counting
   * one attempt each. Expired leases are first returned to the queue (or to dead letter when their
   * attempts are exhausted).
   */
  claim(queue: string, limit: number, leaseMs: number): DurableMessage[] {
    const now = Date.now();
    const rows = writeTransaction(this.database, () => {
      this.sweepAt(queue, now);
      return this.statements.claim.all({
        realm: this.realm,
        queue,
        now,
        limit,
        leaseUntil: now + leaseMs,
        token: randomUUID(),
      });
    });
    return rows.sort((a, b) => a.id - b.id).map(toMessage);
  }

  /** Applies the outcomes of a batch in one transaction. Stale deliveries are ignored. */
  settle(settlements: readonly DurableSettlement[]): void {
    if (settlements.length === 0) {
      return;
    }
    const now = Date.now();
    const requeued = new Set<string>();
    writeTransaction(this.database, () => {
      for (const settlement of settlements) {
        const ref = {
          realm: this.realm,
          id: toRowId(settlement.ref.id),
          token: settlement.ref.leaseToken,
        };
        switch (settlement.action) {
          case 'ack':
            this.statements.ack.run(ref);
            break;
          case 'retry': {
            const reason = settlement.reason;
            const queue = this.statements.retry.get({
              ...ref,
              now,
              availableAt: now + settlement.delayMs,
              code: reason?.code ?? null,
              message: reason?.message ?? null,
            });
            if (queue && settlement.delayMs === 0) {
              requeued.add(queue.queue);
            }
            break;
          }
          case 'dead':
            this.statements.dead.run({ ...ref, now, ...settlement.reason });
            break;
        }
      }
    });
    this.wakeUp([...requeued]);
  }

  /** Returns expired leases to the queue, or to dead letter when their attempts are exhausted. */
  sweep(queue: string): void {
    const now = Date.now();
    writeTransaction(this.database, () => this.sweepAt(queue, now));
  }

  /** Dead letters of `queue`, oldest first. */
  deadLetters(queue: string, options: { limit: number; afterId?: string }): DurableDeadLetter[] {
    this.sweep(queue);
    const rows = this.statements.deadLetters.all({
      realm: this.realm,
      queue,
      after: options.afterId === undefined ? 0 : toRowId(options.afterId),
      limit: options.limit,
    });
    return rows.map(toDeadLetter);
  }

  /** Makes a dead letter deliverable again with fresh attempts; false when no such dead letter. */
  replay(id: string): boolean {
    const row = this.statements.replay.get({ realm: this.realm, id: toRowId(id), now: Date.now() });
    if (row) {
      this.wakeUp([row.queue]);
    }
    return row !== undefined;
  }

  stats(queue: string): DurableQueueStats {
    const now = Date.now();
    this.sweep(queue);
    const row = this.statements.stats.get({ realm: this.realm, queue, now });
    return {
      waiting: row?.waiting ?? 0,
      delayed: row?.delayed ?? 0,
      active: row?.active ?? 0,
      dead: row?.dead ?? 0,
    };
  }

  /** Epoch ms of the next moment something becomes due in `queue` (a ready time or a lease end). */
  nextDueAt(queue: string): number | undefined {
    const params = { realm: this.realm, queue };
    const ready = this.statements.nextDue.get({ ...params, state: 'ready' });
    const active = this.statements.nextDue.get({ ...params, state: 'active' });
    const times = [ready?.available_at, active?.available_at].filter((t) => t !== undefined);
    return times.length === 0 ? undefined : Math.min(...times);
  }

  /** Removes the ready (and delayed) messages of `queue`; leased and dead ones stay. */
  purge(queue: string): number {
    return this.statements.purge.run({ realm: this.realm, queue }).changes;
  }

  /** Removes every message of `queue`, dead letters included. */
  deleteQueue(queue: string): number {
    return this.statements.deleteQueue.run({ realm: this.realm, queue }).changes;
  }

  /**
   * Calls `listener(queue)` shortly after messages of a queue become deliverable in this process
   * (after the enqueuing transaction returns, never inline). Returns the unsubscribe function.
   */
  onEnqueued(listener: (queue: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private sweepAt(queue: string, now: number): void {
    const params = { realm: this.realm, queue, now, ...LEASE_EXPIRED_REASON };
    this.statements.expireToDead.run(params);
    this.statements.expireToReady.run(params);
  }

  private wakeUp(queues: readonly string[]): void {
    const first = this.pendingWakeUps.size === 0;
    queues.forEach((queue) => this.pendingWakeUps.add(queue));
    if (!first || this.pendingWakeUps.size === 0) {
      return;
    }
    // Deferred so that a job never runs inline with its enqueue, and so that listeners re-read
    // only after the enqueuing transaction (possibly the caller's) is over.
    setImmediate(() => {
      const due = [...this.pendingWakeUps];
      this.pendingWakeUps.clear();
      for (const queue of due) {
        this.listeners.forEach((listener) => listener(queue));
      }
    });
  }
}
