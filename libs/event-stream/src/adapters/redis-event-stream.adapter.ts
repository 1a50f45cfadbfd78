import { Redis } from 'ioredis';
import type { OnModuleDestroy } from '@nestjs/common';
import type { EventStreamConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import { InvalidStreamPositionError } from '../errors/event-stream.error';
import { EventStream } from '../event-stream.port';
import type { StreamInfo, StreamReadQuery, StreamSubscribeOptions } from '../event-stream.types';
import type { StreamEventIdParts } from '../stream-event-id.util';
import { resolveStreamPosition } from '../stream-position.util';
import { defineAppendEvents } from './redis-append.script';
import { fromStreamEntry, streamEvent, timeOfId, toStreamFields } from './redis-stream-fields';

export type RedisEventStreamConfig = Extract<EventStreamConfig, { driver: 'redis' }>;

export type RedisEventStreamOptions = {
  /** Longest blocking XREAD of a subscriber before it reads again (default 5 s). */
  blockMs?: number;
  /** Events read per XREAD by subscribers (default 500). */
  pageSize?: number;
  /**
   * Pause of a subscriber after a failed read before it reads again from where it was (default
   * 1 s): a Redis restart delays the live stream, it does not end it.
   */
  retryDelayMs?: number;
  /** Records the read failures subscribers retried (default: a process warning). */
  onError?: (error: unknown) => void;
};

type Entry = [id: string, fields: string[]];

/** Event ids kept per element for `readElement` (its newest ones). */
const ELEMENT_HISTORY_CAP = 1000;

// The highest sequence number of a Redis stream id: `<ms - 1>-MAX` is just before `<ms>-0`.
const MAX_SEQ = '18446744073709551615';

/**
 * The live stream as a Redis stream (distributed profile, connector-protocol.md §4.1): a batch is
 * appended by one script call (an XADD per event, trimmed with MAXLEN `~` or `=`, and the event
 * id added to its element's index for `readElement`), read with XRANGE, tailed with a
 * blocking XREAD on a connection of its own per subscription. Redis assigns the ids
 * (`<ms>-<seq>`, increasing across every replica); an event's time is the id's millisecond.
 */
export class RedisEventStream extends EventStream implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly trim: string[];
  private readonly blockMs: number;
  private readonly pageSize: number;
  private readonly retryDelayMs: number;
  /** CLIENT LIST name of the subscribers' connections. */
  readonly readerName: string;
  private readonly onError: (error: unknown) => void;
  private readonly readers = new Set<Redis>();
  private readonly shutdown = new AbortController();

  constructor(config: RedisEventStreamConfig, options: RedisEventStreamOptions = {}) {
    super();
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2 });
    // A failing connection is reported by the commands that need it (STREAM_UNAVAILABLE).
    this.redis.on('error', () => undefined);
    defineAppendEvents(this.redis);
    this.key = `${config.redis.prefix}stream.live`;
    this.readerName = `${config.redis.prefix.replace(/[^A-Za-z0-9_.:-]/g, '')}stream-reader`;
    this.trim = ['MAXLEN', config.redis.trim === 'exact' ? '=' : '~', String(config.maxEvents)];
    this.blockMs = options.blockMs ?? 5000;
    this.pageSize = options.pageSize ?? 500;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.onError = options.onError ?? reportError;
  }

  async append(drafts: readonly StreamEventDraft[]): Promise<StreamEvent[]> {
    if (drafts.length === 0) {
      return [];
    }
    const keys = [this.key];
    const args = [this.trim[1] ?? '~', this.trim[2] ?? '0', String(ELEMENT_HISTORY_CAP)];
    for (const draft of drafts) {
      keys.push(this.elementKey(draft.elementId));
      const fields = toStreamFields(draft);
      args.push(String(fields.length), ...fields);
    }
    const ids = await this.run('Appending events', () =>
      this.redis.appendEvents(keys.length, ...keys, ...args),
    );
    if (!Array.isArray(ids) || ids.length !== drafts.length) {
      throw failure(new Error('not every event got an id'), 'Appending events');
    }
    return drafts.map((draft, i) => streamEvent(String(ids[i]), draft));
  }

  /**
   * One element's kept events: its index (a sorted set of event ids, written after each append)
   * read newest first, each id then read from the stream; ids the stream has trimmed are dropped
   * from the index on the way.
   */
  async readElement(elementId: string, limit: number): Promise<StreamEvent[]> {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidStreamPositionError('limit must be a positive integer', { limit });
    }
    const key = this.elementKey(elementId);
    const ids = await this.run('Reading an element index', () =>
      this.redis.zrevrange(key, 0, limit - 1),
    );
    if (ids.length === 0) return [];
    const reads = this.redis.pipeline();
    ids.forEach((id) => reads.xrange(this.key, id, id));
    const replies = (await this.run('Reading an element history', () => reads.exec())) ?? [];
    const events: StreamEvent[] = [];
    const trimmed: string[] = [];
    replies.forEach(([error, entries], i) => {
      const entry = (entries as Entry[] | undefined)?.[0];
      if (!error && entry) events.push(fromStreamEntry(entry[0], entry[1]));
      else if (!error) trimmed.push(ids[i] ?? '');
    });
    if (trimmed.length > 0) {
      await this.run('Pruning an element index', () => this.redis.zrem(key, ...trimmed));
    }
    return events.sort((a, b) => compareIds(a.id, b.id));
  }

  async read(query: StreamReadQuery): Promise<StreamEvent[]> {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1) {
      throw new InvalidStreamPositionError('limit must be a positive integer', {
        limit: query.limit,
      });
    }
    const start = rangeStart(resolveStreamPosition(query));
    const entries = (await this.run('Reading events', () =>
      this.redis.xrange(this.key, start, '+', 'COUNT', query.limit),
    )) as Entry[];
    return entries.map(([id, flat]) => fromStreamEntry(id, flat));
  }

  subscribe(options: StreamSubscribeOptions): AsyncIterable<StreamEvent> {
    // "Live" means after this call: the newest id is asked for now, not at the first next().
    const live = options.after === undefined && options.fromTime === undefined;
    const newest = live ? this.lastEventId() : Promise.resolve(undefined);
    newest.catch(() => undefined);
    return this.tail(options, newest);
  }

  /** Resolves once the connection is up (commands sent before then wait for it). */
  async ready(): Promise<void> {
    if (this.redis.status !== 'ready') {
      await new Promise<void>((resolve, reject) => {
        this.redis.once('ready', resolve);
        this.redis.once('end', () => reject(failure(new Error('connection closed'), 'Connecting')));
      });
    }
  }

  async lastEventId(): Promise<string | undefined> {
    const [last] = (await this.run('Reading the last event', () =>
      this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1),
    )) as Entry[];
    return last?.[0];
  }

  async info(): Promise<StreamInfo> {
    const [size, first, last] = await this.run('Reading the stream size', () =>
      Promise.all([
        this.redis.xlen(this.key),
        this.redis.xrange(this.key, '-', '+', 'COUNT', 1) as Promise<Entry[]>,
        this.redis.xrevrange(this.key, '+', '-', 'COUNT', 1) as Promise<Entry[]>,
      ]),
    );
    const firstId = first[0]?.[0];
    const lastId = last[0]?.[0];
    return {
      size,
      firstEventId: firstId,
      lastEventId: lastId,
      firstEventTime: firstId && timeOfId(firstId),
      lastEventTime: lastId && timeOfId(lastId),
    };
  }

  /** Ends every subscription and closes the connections. */
  async close(): Promise<void> {
    this.shutdown.abort();
    this.readers.forEach((reader) => reader.disconnect());
    await this.redis.quit();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async *tail(
    options: StreamSubscribeOptions,
    newest: Promise<string | undefined>,
  ): AsyncGenerator<StreamEvent> {
    const position = resolveStreamPosition(options);
    const signals = [options.signal, this.shutdown.signal];
    const ended = () => signals.some((signal) => signal.aborted);
    if (ended()) {
      return;
    }
    let cursor = position ? xreadCursor(position) : ((await newest) ?? '0-0');
    const reader = this.redis.duplicate({
      maxRetriesPerRequest: 2,
      connectionName: this.readerName,
    });
    reader.on('error', () => undefined);
    this.readers.add(reader);
    // A blocked XREAD only returns when its connection closes: aborting closes it.
    const onAbort = () => reader.disconnect();
    signals.forEach((signal) => signal.addEventListener('abort', onAbort));
    try {
      while (!ended()) {
        const entries = await this.readAfter(reader, cursor, ended);
        for (const [id, flat] of entries) {
          if (ended()) {
            return;
          }
          yield fromStreamEntry(id, flat);
          cursor = id;
        }
      }
    } finally {
      signals.forEach((signal) => signal.removeEventListener('abort', onAbort));
      this.readers.delete(reader);
      reader.disconnect();
    }
  }

  private async readAfter(reader: Redis, cursor: string, ended: () => boolean): Promise<Entry[]> {
    try {
      const reply = await reader.xread(
        'COUNT',
        this.pageSize,
        'BLOCK',
        this.blockMs,
        'STREAMS',
        this.key,
        cursor,
      );
      return reply?.[0]?.[1] ?? [];
    } catch (error) {
      if (!ended()) {
        this.onError(failure(error, 'Tailing the stream'));
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
      return [];
    }
  }

  private elementKey(elementId: string): string {
    return `${this.key}.element:${elementId}`;
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw failure(error, what);
    }
  }
}

/** XRANGE start for a resolved position: the oldest, a time (inclusive) or after an id. */
function rangeStart(position: StreamEventIdParts | undefined): string {
  if (!position || position.ms < 0) {
    return '-';
  }
  return position.seq < 0 ? `${position.ms}-0` : `(${position.ms}-${position.seq}`;
}

/** XREAD's exclusive last id for a resolved position. */
function xreadCursor(position: StreamEventIdParts): string {
  if (position.ms < 0) {
    return '0-0';
  }
  if (position.seq >= 0) {
    return `${position.ms}-${position.seq}`;
  }
  return position.ms === 0 ? '0-0' : `${position.ms - 1}-${MAX_SEQ}`;
}

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am === bm ? Number((as ?? 0n) - (bs ?? 0n)) : Number((am ?? 0n) - (bm ?? 0n));
}

function failure(error: unknown, what: string): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError({
    code: 'STREAM_UNAVAILABLE',
    category: 'unavailable',
    message: `${what} failed: Redis did not answer (${reason})`,
    cause: error,
  });
}

function reportError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), {
    code: 'EVENT_STREAM',
  });
}
