import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Cache, LockTimeoutError } from '@lib/cache';
import { AUDIT_CONFIG } from '@lib/config';
import type { AuditConfig } from '@lib/config';
import type { LockHandle } from '@lib/cache';
import { EntityStore, VersionConflictError } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { EventStream, parseStreamEventId } from '@lib/event-stream';
import { registerGauge } from '@lib/kernel';
import type { StreamEvent } from '@lib/kernel';
import { SYSTEM_USER_ID, systemContext } from '@lib/rbac';
import type { Gauge } from 'prom-client';
import { elementOfEntry, entryWrite } from '../internal/audit-element.util';
import { entryOfEvent, markingRefsOf, userIdOfEvent } from '../internal/event-entry.util';

// The consumer's position is an internal element written in the same commit as the entries it
// produced: a restart (or another replica taking over) goes on exactly after the last event
// turned into entries, never losing nor doubling one.
export const AUDIT_CURSOR_ID = 'a0d17c0e-5c1d-4b6e-8f3a-7d2c1e9b4f60';
const CURSOR_TYPE = 'ManagerConfiguration';
const LOCK_KEY = 'audit:event-consumer';
const LOCK_TTL_MS = 30_000;
// Events turned into entries per round, at most. Each round is one commit, which a search engine
// refreshes: after a large import, rounds of 2,500 take a fifth of the engine's refreshes and
// merges that rounds of 500 did (3 of its 18 CPU-seconds per 50,000 objects imported).
const BATCH = 2_500;

export type AuditConsumerTiming = { idleMs: number; retryMs: number };
const DEFAULT_TIMING: AuditConsumerTiming = { idleMs: 1000, retryMs: 5000 };

/** A timer that an abort cuts short (no wait at all once aborted). */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function cursorElement(previous: StoredElement | undefined, lastEventId: string): StoredElement {
  const now = new Date().toISOString();
  return {
    internalId: AUDIT_CURSOR_ID,
    standardId: `managerconfiguration--${AUDIT_CURSOR_ID}`,
    entityType: CURSOR_TYPE,
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: { manager_id: 'AUDIT_MANAGER', last_event_id: lastEventId },
    refs: {},
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    version: (previous?.version ?? 0) + 1,
  };
}

/**
 * Turns every committed change of the live stream into an audit entry (who, when, what, before
 * and after). Runs in the core role; with several replicas, the one holding the cache lock
 * consumes and the others wait to take over.
 */
@Injectable()
export class AuditEventConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditEventConsumer.name);
  private readonly system = systemContext('audit');
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private readonly userNames = new Map<string, string>();
  private readonly markingIds = new Map<string, string>();
  /** The position while this replica holds the lock (`element` undefined: none yet). */
  private cursor: { element: StoredElement | undefined } | undefined;
  timing: AuditConsumerTiming = DEFAULT_TIMING;

  constructor(
    @Inject(EventStream) private readonly events: EventStream,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(Cache) private readonly cache: Cache,
    @Inject(AUDIT_CONFIG) private readonly config: AuditConfig,
  ) {}

  onApplicationBootstrap(): void {
    const lag: Gauge = registerGauge({
      name: 'threatloom_audit_lag_seconds',
      help: 'Seconds between the newest event and the newest one in the audit log (0: caught up)',
      // A store that cannot answer leaves the last value: the other metrics are still served.
      collect: () =>
        this.lagSeconds().then(
          (seconds) => lag.set(seconds),
          (error: unknown) => this.logger.warn(`Audit lag unknown: ${String(error)}`),
        ),
    });
    if (!this.config.dataChanges) {
      this.logger.log('Data changes are not audited (THREATLOOM_AUDIT_DATA_CHANGES=false)');
      return;
    }
    this.loop = this.run();
  }

  /**
   * Whether every event committed so far has its audit entries (always, when data changes are not
   * audited). A large import leaves a backlog that this consumer works through afterwards.
   */
  async caughtUp(): Promise<boolean> {
    const { audited, last } = await this.positions();
    return last === undefined || audited === last;
  }

  /**
   * How far the audit log is behind the stream: the seconds between the newest event and the
   * newest audited one (0 when caught up). `/metrics` shows it as `threatloom_audit_lag_seconds`.
   */
  async lagSeconds(): Promise<number> {
    const { audited, last } = await this.positions();
    if (last === undefined || audited === last) return 0;
    // Nothing audited yet: behind since the first event kept.
    const since = audited ?? (await this.events.info()).firstEventId ?? last;
    // Behind by events of the same millisecond is still behind: never 0.
    return Math.max(0.001, (parseStreamEventId(last).ms - parseStreamEventId(since).ms) / 1000);
  }

  /** The newest event of the stream and the newest audited one (both the same when not auditing). */
  private async positions(): Promise<{ audited?: string; last?: string }> {
    if (!this.config.dataChanges) return {};
    const [cursor, last] = await Promise.all([
      this.store.get(this.system, AUDIT_CURSOR_ID),
      this.events.lastEventId(),
    ]);
    const audited = cursor?.attributes.last_event_id;
    return { audited: typeof audited === 'string' ? audited : undefined, last };
  }

  // Before the event stream and the store close (their own hooks run later).
  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        await this.cache.withLock([LOCK_KEY], (lock) => this.consume(lock, signal), {
          ttlMs: LOCK_TTL_MS,
          waitMs: 0,
        });
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof LockTimeoutError)) {
          this.logger.warn(`Audit of data changes paused: ${String(error)}`);
        }
      }
      await pause(this.timing.retryMs, signal);
    }
  }

  /** Holding the lock: rounds of events until aborted (or the lock is lost: `extend` throws). */
  private async consume(lock: LockHandle, signal: AbortSignal): Promise<void> {
    // Another holder may have moved the position while this replica waited for the lock.
    this.cursor = undefined;
    while (!signal.aborted) {
      const written = await this.round();
      await lock.extend();
      if (written === 0) await pause(this.timing.idleMs, signal);
    }
  }

  /**
   * Turns the next events into entries, committed with the new position; how many events. The
   * position is read from the store once, then kept: an idle round only reads the stream.
   */
  async round(): Promise<number> {
    const cursor = (this.cursor ??= {
      element: await this.store.get(this.system, AUDIT_CURSOR_ID),
    }).element;
    const last = cursor?.attributes.last_event_id;
    const events = await this.events.read({
      after: typeof last === 'string' ? last : '0',
      limit: BATCH,
    });
    const newest = events.at(-1);
    if (!newest) return 0;
    await this.learn(events);
    const lookups = { userNames: this.userNames, markingIds: this.markingIds };
    const entries = events.map((event) => elementOfEntry(entryOfEvent(event, lookups)));
    const next = cursorElement(cursor, newest.id);
    try {
      await this.store.commit({
        upserts: [
          ...entries.map(entryWrite),
          { element: next, expectedVersion: cursor?.version ?? 0 },
        ],
        deletes: [],
        events: [],
      });
    } catch (error) {
      // Another consumer moved on meanwhile (its lock lapsed into ours): read its position again.
      this.cursor = undefined;
      if (error instanceof VersionConflictError) return 0;
      throw error;
    }
    this.cursor = { element: next };
    return events.length;
  }

  /** Names of the batch's users and internal ids of its markings not already known. */
  private async learn(events: readonly StreamEvent[]): Promise<void> {
    if (this.userNames.size > 10_000) this.userNames.clear();
    const users = [...new Set(events.map(userIdOfEvent))].filter((id) => !this.userNames.has(id));
    const refs = [...new Set(events.flatMap(markingRefsOf))].filter(
      (ref) => !this.markingIds.has(ref),
    );
    const [found, markings] = await Promise.all([
      users.length > 0 ? this.store.getMany(this.system, users) : new Map<string, StoredElement>(),
      refs.length > 0 ? this.store.resolve(this.system, refs) : new Map<string, StoredElement[]>(),
    ]);
    // Unknown ones are remembered too (as themselves): a batch never looks them up again.
    for (const id of users) {
      const name = found.get(id)?.attributes.name ?? found.get(id)?.attributes.user_email;
      this.userNames.set(
        id,
        typeof name === 'string' ? name : id === SYSTEM_USER_ID ? 'SYSTEM' : id,
      );
    }
    for (const ref of refs) {
      const marking = markings.get(ref)?.find((e) => e.entityType === 'Marking-Definition');
      this.markingIds.set(ref, marking?.internalId ?? ref);
    }
  }
}
