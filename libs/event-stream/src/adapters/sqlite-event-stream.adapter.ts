import type { OnModuleDestroy } from '@nestjs/common';
import type { EventStreamConfig } from '@lib/config';
import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import { SqliteEventLog, sqliteFailure } from '@lib/sqlite';
import type { EventLogCursor, SqliteDatabase } from '@lib/sqlite';
import { InvalidStreamPositionError } from '../errors/event-stream.error';
import { EventStream } from '../event-stream.port';
import type { StreamInfo, StreamReadQuery, StreamSubscribeOptions } from '../event-stream.types';
import { parseStreamEventId } from '../stream-event-id.util';
import { resolveStreamPosition } from '../stream-position.util';

export type SqliteEventStreamOptions = {
  /**
   * Longest wait of an idle subscriber before it re-reads. Appends in this process wake it at
   * once; this only bounds the latency of appends by other processes sharing the file (1 s).
   */
  pollIntervalMs?: number;
  /** Events read per query by subscribers (default 500). */
  pageSize?: number;
};

const BEGINNING: EventLogCursor = { ms: -1, seq: -1 };

/**
 * The event stream over the shared SQLite event log, which the SQLite entity store also appends
 * to inside its write transactions. Subscribers wake on in-process appends.
 */
export class SqliteEventStream extends EventStream implements OnModuleDestroy {
  private readonly log: SqliteEventLog;
  private readonly shutdown = new AbortController();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;

  constructor(
    database: SqliteDatabase,
    config: EventStreamConfig,
    options: SqliteEventStreamOptions = {},
  ) {
    super();
    this.log = guard(() => SqliteEventLog.for(database, { maxEvents: config.maxEvents }));
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pageSize = options.pageSize ?? 500;
  }

  append(drafts: readonly StreamEventDraft[]): Promise<StreamEvent[]> {
    return run(() => this.log.appendSync(drafts));
  }

  read(query: StreamReadQuery): Promise<StreamEvent[]> {
    return run(() => {
      checkLimit(query.limit);
      const after = resolveStreamPosition(query) ?? BEGINNING;
      return this.log.read({ after, limit: query.limit });
    });
  }

  readElement(elementId: string, limit: number): Promise<StreamEvent[]> {
    return run(() => {
      checkLimit(limit);
      return this.log.readElement(elementId, limit);
    });
  }

  subscribe(options: StreamSubscribeOptions): AsyncIterable<StreamEvent> {
    // Resolved now, so that "live" means "after this call" even before the first next().
    const start = guard(() => resolveStreamPosition(options) ?? this.log.lastCursor() ?? BEGINNING);
    return this.tail(start, options.signal);
  }

  lastEventId(): Promise<string | undefined> {
    return run(() => {
      const last = this.log.lastCursor();
      return last && `${last.ms}-${last.seq}`;
    });
  }

  info(): Promise<StreamInfo> {
    return run(() => {
      const { size, first, last } = this.log.info();
      return {
        size,
        firstEventId: first && `${first.ms}-${first.seq}`,
        lastEventId: last && `${last.ms}-${last.seq}`,
        firstEventTime: first && new Date(first.ms).toISOString(),
        lastEventTime: last && new Date(last.ms).toISOString(),
      };
    });
  }

  /** Ends every subscription (application shutdown). */
  onModuleDestroy(): void {
    this.shutdown.abort();
  }

  private async *tail(start: EventLogCursor, signal: AbortSignal): AsyncGenerator<StreamEvent> {
    let cursor = start;
    const wakeUp = new WakeUp();
    const unsubscribe = this.log.onAppended(() => wakeUp.wake());
    const onAbort = (): void => wakeUp.wake();
    const signals = [signal, this.shutdown.signal];
    signals.forEach((s) => s.addEventListener('abort', onAbort));
    const ended = () => signals.some((s) => s.aborted);
    try {
      while (!ended()) {
        // Reset before reading: an append committed during the read or while the consumer
        // handles a yielded event sets it again, so the next wait returns at once (no gap).
        wakeUp.reset();
        const page = guard(() => this.log.read({ after: cursor, limit: this.pageSize }));
        for (const event of page) {
          if (ended()) {
            return;
          }
          yield event;
          cursor = parseStreamEventId(event.id);
        }
        if (page.length < this.pageSize) {
          await wakeUp.wait(this.pollIntervalMs);
        }
      }
    } finally {
      unsubscribe();
      signals.forEach((s) => s.removeEventListener('abort', onAbort));
    }
  }
}

/** A level-triggered wake-up flag with a timed wait. */
class WakeUp {
  private woken = false;
  private resolve: (() => void) | undefined;

  reset(): void {
    this.woken = false;
  }

  wake(): void {
    this.woken = true;
    this.resolve?.();
  }

  wait(ms: number): Promise<void> {
    if (this.woken) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.resolve?.(), ms);
      this.resolve = () => {
        clearTimeout(timer);
        this.resolve = undefined;
        resolve();
      };
    });
  }
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidStreamPositionError('limit must be a positive integer', { limit });
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw sqliteFailure(error, 'STREAM_STORAGE_FAILED', 'The event stream storage failed');
  }
}

/** Runs synchronous storage work as a promise, with driver errors translated at the edge. */
function run<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(guard(fn)));
}
