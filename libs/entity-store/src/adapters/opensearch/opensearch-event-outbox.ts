import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Logger } from '@nestjs/common';
import type { StreamEventDraft } from '@lib/kernel';
import type { EventStream } from '@lib/event-stream';
import { readAlias, writeAlias } from '@lib/opensearch';
import type { EngineBody, IndexLayout, SearchEngine } from '@lib/opensearch';

const OUTBOX_COMPONENT = 'outbox';
const OUTBOX_FAMILY = 'events';
const OUTBOX_LAYOUT_VERSION = 1;
/** Entries relayed per pass. */
const RELAY_PAGE = 50;

export type OutboxTiming = {
  /** An entry older than this has lost its committer (crashed, or the stream was down). */
  graceMs: number;
  /** How often every store looks for such entries. */
  intervalMs: number;
};

const DEFAULT_OUTBOX_TIMING: OutboxTiming = { graceMs: 60_000, intervalMs: 30_000 };

// The events go compressed, as one string: a batch's events are about as large as its
// documents, and the engine would otherwise parse and store them all a second time.
type OutboxEntry = { created_at: number; claimed_at?: number; events_z: string };

const pack = (events: readonly StreamEventDraft[]): string =>
  deflateRawSync(JSON.stringify(events), { level: 1 }).toString('base64');
const unpack = (packed: string): StreamEventDraft[] =>
  JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as StreamEventDraft[];
type OutboxHit = {
  _id: string;
  _index: string;
  _seq_no: number;
  _primary_term: number;
  _source: OutboxEntry;
};

export function outboxLayout(prefix: string, replicas?: string): IndexLayout {
  return {
    prefix,
    component: OUTBOX_COMPONENT,
    version: OUTBOX_LAYOUT_VERSION,
    families: [OUTBOX_FAMILY],
    // The events ride in _source only (events_z); the times are what the relay searches on.
    mappings: {
      dynamic: false,
      properties: { created_at: { type: 'date' }, claimed_at: { type: 'date' } },
    },
    settings: { number_of_shards: 1, auto_expand_replicas: replicas ?? '0-1' },
  };
}

/**
 * The search engine's half of a commit's events. A commit writes its events as one outbox entry in
 * the same `_bulk` as its documents, appends them to the EventStream, then removes the entry. A
 * committer that dies between the bulk and the append (or a stream that is down) leaves the entry
 * behind, and a relay (every store runs one) appends it once it is older than the grace period:
 * no committed change goes without its events (at least once; a relay claims an entry with
 * optimistic concurrency, so replicas do not relay the same entry together).
 */
export class EventOutbox {
  private readonly logger = new Logger(EventOutbox.name);
  private timer: NodeJS.Timeout | undefined;
  private relaying: Promise<number> | undefined;

  constructor(
    private readonly engine: SearchEngine,
    private readonly events: EventStream,
    private readonly layout: IndexLayout,
    private readonly timing: OutboxTiming = DEFAULT_OUTBOX_TIMING,
  ) {}

  /** The bulk lines recording `events` as entry `id`. */
  entryLines(id: string, events: readonly StreamEventDraft[]): unknown[] {
    const entry: OutboxEntry = { created_at: Date.now(), events_z: pack(events) };
    return [{ index: { _index: writeAlias(this.layout, OUTBOX_FAMILY), _id: id } }, entry];
  }

  /** Removes an entry whose events are on the stream (or whose batch was undone). */
  async remove(id: string): Promise<void> {
    await this.engine.request(
      { method: 'DELETE', path: `/${writeAlias(this.layout, OUTBOX_FAMILY)}/_doc/${id}` },
      [404],
    );
  }

  /** Relays now and then every `intervalMs`, until `stop`. */
  start(): void {
    this.timer = setInterval(() => {
      this.relay().catch((error: unknown) =>
        this.logger.warn(`Event outbox relay failed: ${String(error)}`),
      );
    }, this.timing.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.relaying?.catch(() => undefined);
  }

  /** Appends the events of entries left behind; the number relayed. One pass at a time. */
  relay(): Promise<number> {
    this.relaying ??= this.relayPass().finally(() => (this.relaying = undefined));
    return this.relaying;
  }

  private async relayPass(): Promise<number> {
    let relayed = 0;
    for (;;) {
      const stale = Date.now() - this.timing.graceMs;
      const { body } = await this.engine.request({
        method: 'POST',
        path: `/${readAlias(this.layout)}/_search`,
        body: {
          size: RELAY_PAGE,
          seq_no_primary_term: true,
          sort: [{ created_at: 'asc' }],
          query: {
            bool: {
              filter: [{ range: { created_at: { lte: stale } } }],
              must_not: [{ range: { claimed_at: { gt: stale } } }],
            },
          },
        },
      });
      const hits = ((body.hits as EngineBody | undefined)?.hits ?? []) as OutboxHit[];
      for (const hit of hits) {
        if (await this.claim(hit)) {
          await this.events.append(unpack(hit._source.events_z));
          await this.remove(hit._id);
          relayed += 1;
        }
      }
      if (hits.length < RELAY_PAGE) {
        if (relayed > 0) this.logger.warn(`Relayed the events of ${relayed} interrupted commits`);
        return relayed;
      }
    }
  }

  /** Marks an entry as taken, unless another relay changed it since it was read. */
  private async claim(hit: OutboxHit): Promise<boolean> {
    const response = await this.engine.request(
      {
        method: 'PUT',
        path: `/${hit._index}/_doc/${hit._id}`,
        body: { ...hit._source, claimed_at: Date.now() },
        querystring: {
          if_seq_no: String(hit._seq_no),
          if_primary_term: String(hit._primary_term),
          refresh: 'true',
        },
      },
      [409],
    );
    return response.status !== 409;
  }
}
