import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { applyPatch } from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { LRUCache } from 'lru-cache';
import { STREAMS_CONFIG } from '@lib/config';
import type { StreamsConfig } from '@lib/config';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { EventStream, resolveStreamPosition } from '@lib/event-stream';
import type { StreamEvent, StreamPosition } from '@lib/event-stream';
import { AppError } from '@lib/kernel';
import type { FilterGroup } from '@lib/kernel';
import {
  accessRule,
  hasCapability,
  markingsAllowed,
  membersAllowed,
  organizationsAllowed,
  restrictedMemberIds,
  systemContext,
} from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { OCTI_EXTENSION_ID, toStix } from '@lib/stix';
import { entityTypeOfStix, filterIdValues, stixMatches } from '../internal/stix-filter.util';
import type { IdAliases } from '../internal/stix-filter.util';
import { stixRefsOf } from '../internal/stix-refs.util';
import { resolveIdAliases } from '../internal/id-aliases.util';
import type {
  SseMessage,
  StreamCollection,
  StreamConnection,
  StreamRequest,
} from '../stream-collection.types';
import { StreamCollectionsService } from './stream-collections.service';

type Stix = Record<string, unknown>;

/** What is streamed: every event as stored (`/stream`), or a live stream (`/stream/live`, `/<id>`). */
export type StreamSource =
  { kind: 'raw' } | { kind: 'live'; collection?: StreamCollection | undefined };

const RECOVER_PAGE = 500;
const DEPENDENCY_DEPTH = 3;
const RECOVER_TYPES = ['Stix-Core-Object', 'stix-core-relationship', 'stix-sighting-relationship'];
/** Collections are re-read this often: a stopped or deleted one ends its connections. */
const COLLECTION_CHECK_MS = 10_000;

/** connector-protocol.md §4.3: `0`/`0-0`, an event id, or a date; absent = from now. */
export function streamPosition(from: string | undefined): StreamPosition | undefined {
  if (from === undefined || from === '') return undefined;
  if (/^\d+(-\d+)?$/.test(from)) return { after: from.includes('-') ? from : `${from}-0` };
  return { fromTime: from };
}

/** The event as the SSE `data` of a create/update/delete/merge message (§4.1 fields). */
function wireEvent(event: Omit<StreamEvent, 'id' | 'timestamp'>, data: Stix): Stix {
  return {
    version: '4',
    type: event.type,
    scope: event.scope,
    message: event.message,
    origin: event.origin,
    data,
    ...(event.context ? { context: event.context } : {}),
  };
}

const eventIdOf = (ms: number) => `${ms}-0`;

/**
 * The id a reader starting at `start` resumes from before it read anything: the id itself, or,
 * for a date (seq -1), the last id possible before that millisecond, so that a reconnect with it
 * does not skip the date's first event (`<ms>-0`).
 */
export function idBefore(start: { ms: number; seq: number }): string {
  if (start.seq >= 0) return `${start.ms}-${start.seq}`;
  return start.ms > 0 ? `${start.ms - 1}-${Number.MAX_SAFE_INTEGER}` : '0-0';
}

/**
 * Serves the live stream (connector-protocol.md §4): per-user visibility on every event,
 * collection filters with visibility transitions (an update that hides an element from the
 * reader is a delete to him, one that reveals it a create), dependencies sent before what needs
 * them, recovery of the stored state, heartbeats carrying the last event id read.
 */
@Injectable()
export class LiveStreamService {
  private readonly logger = new Logger(LiveStreamService.name);
  private readonly system = systemContext('streams');
  private readonly markingIds = new Map<string, string>();
  private readonly open = new Map<string, StreamConnection>();

  constructor(
    @Inject(EventStream) private readonly events: EventStream,
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(StreamCollectionsService) private readonly collections: StreamCollectionsService,
    @Inject(STREAMS_CONFIG) private readonly config: StreamsConfig,
  ) {}

  /** Clients connected to this process, for one stream id (`live`, `raw` or a collection's). */
  connections(streamId?: string): StreamConnection[] {
    return [...this.open.values()].filter((c) => !streamId || c.streamId === streamId);
  }

  /**
   * Streams to `send` until `signal` aborts, the collection stops, or the client goes. Bad
   * parameters throw (validation) before anything is sent.
   */
  async serve(
    ctx: AccessContext,
    source: StreamSource,
    request: StreamRequest,
    send: (message: SseMessage) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    const position = streamPosition(request.from);
    const start = position ? resolveStreamPosition(position) : undefined;
    const recoverMs = this.recoverUntil(source, request);
    const info = await this.events.info();
    const connection: StreamConnection = {
      id: randomUUID(),
      streamId: source.kind === 'raw' ? 'raw' : (source.collection?.id ?? 'live'),
      userId: ctx.userId,
      connectedAt: new Date().toISOString(),
      lastEventId: undefined,
      delivered: 0,
    };
    const session = new StreamSession(this, ctx, source, request, send, connection);
    this.open.set(connection.id, connection);
    const stop = new AbortController();
    const ended = () => stop.abort();
    signal.addEventListener('abort', ended);
    const heartbeat = setInterval(
      () => {
        session.tick(stop).catch((error: unknown) => {
          this.logger.warn(`Live stream ${connection.streamId}: ${String(error)}`);
          stop.abort();
        });
      },
      Math.max(50, Math.floor(this.config.heartbeatMs / 2)),
    );
    try {
      await send({
        event: 'connected',
        data: {
          lastEventId: info.lastEventId ?? null,
          firstEventId: info.firstEventId ?? null,
          firstEventDate: info.firstEventTime ?? null,
          lastEventDate: info.lastEventTime ?? null,
          streamSize: info.size,
          connectionId: connection.id,
        },
      });
      session.cursor = start ? idBefore(start) : (info.lastEventId ?? '0-0');
      let follow: StreamPosition | undefined = position;
      // A reader resuming past its recovery date (pycti keeps both in its state) goes on from
      // where it stopped: the window is empty.
      if (recoverMs !== undefined && !(start && start.ms >= recoverMs)) {
        await session.recover(start ? Math.max(0, start.ms) : 0, recoverMs, stop.signal);
        follow = { fromTime: new Date(recoverMs).toISOString() };
        session.cursor = idBefore({ ms: recoverMs, seq: -1 });
      }
      for await (const event of this.events.subscribe({ ...follow, signal: stop.signal })) {
        await session.handle(event);
      }
    } finally {
      clearInterval(heartbeat);
      signal.removeEventListener('abort', ended);
      this.open.delete(connection.id);
    }
  }

  private recoverUntil(source: StreamSource, request: StreamRequest): number | undefined {
    if (request.recover === undefined || request.recover === '') return undefined;
    if (source.kind === 'raw') {
      throw invalid('recover is only available on live streams (/stream/live, /stream/<id>)');
    }
    if (request.from === undefined || request.from === '') {
      throw invalid('recover needs from (or Last-Event-ID): where the recovery starts');
    }
    const ms = Date.parse(request.recover);
    if (Number.isNaN(ms)) throw invalid(`recover is not a date: ${request.recover}`);
    return ms;
  }

  /** @internal The session's access to the ports. */
  get ports() {
    return {
      events: this.events,
      store: this.store,
      index: this.index,
      collections: this.collections,
      config: this.config,
      system: this.system,
      markingIds: this.markingIds,
    };
  }
}

/** One connection's state: its cursor, what it sent, its filters. */
class StreamSession {
  cursor = '0-0';
  private lastSentAt = Date.now();
  private lastCheckAt = Date.now();
  private readonly sent: LRUCache<string, true>;
  private filters: FilterGroup | undefined;
  private aliases: IdAliases | undefined;

  constructor(
    private readonly service: LiveStreamService,
    private readonly ctx: AccessContext,
    private source: StreamSource,
    private readonly request: StreamRequest,
    private readonly sendRaw: (message: SseMessage) => Promise<void>,
    private readonly connection: StreamConnection,
  ) {
    this.sent = new LRUCache({ max: service.ports.config.cacheMaxSize });
  }

  private async send(message: SseMessage): Promise<void> {
    this.lastSentAt = Date.now();
    if (message.id && message.event !== 'heartbeat') {
      this.connection.delivered += 1;
      this.connection.lastEventId = message.id;
    }
    await this.sendRaw(message);
  }

  /** Heartbeat when idle; re-reads the collection now and then (stopped/deleted: ends). */
  async tick(stop: AbortController): Promise<void> {
    const now = Date.now();
    if (
      this.source.kind === 'live' &&
      this.source.collection &&
      now - this.lastCheckAt >= COLLECTION_CHECK_MS
    ) {
      this.lastCheckAt = now;
      const current = await this.service.ports.collections.find(this.source.collection.id);
      if (!current || !current.live) {
        stop.abort();
        return;
      }
      if (current.filters !== this.source.collection.filters) {
        this.source = { kind: 'live', collection: current };
        this.filters = undefined;
      }
    }
    if (now - this.lastSentAt >= this.service.ports.config.heartbeatMs) {
      const ms = Number(this.cursor.split('-')[0]);
      await this.send({ id: this.cursor, event: 'heartbeat', data: new Date(ms).toISOString() });
    }
  }

  /** One event of the stream: its messages, if any, for this reader. */
  async handle(event: StreamEvent): Promise<void> {
    this.cursor = event.id;
    if (event.scope !== 'external') return;
    if (this.source.kind === 'raw') {
      if (await this.visible(event.data)) {
        await this.send({
          id: event.id,
          event: event.type,
          data: wireEvent(event, this.shown(event.data)),
        });
      }
      return;
    }
    const type = await this.liveType(event);
    if (!type || (type === 'delete' && !this.request.listenDelete)) return;
    if (type !== 'delete' && !this.request.noDependencies) {
      await this.dependencies(event.data, event.id, DEPENDENCY_DEPTH);
    }
    const data = this.shown(event.data);
    this.sent.set(String(event.data.id), true);
    const wire =
      type === event.type
        ? wireEvent(event, data)
        : wireEvent({ ...event, type, context: undefined }, data);
    await this.send({ id: event.id, event: type, data: wire });
  }

  /** §4.5: the event's type for this reader, from what he saw before and sees now; or none. */
  private async liveType(event: StreamEvent): Promise<StreamEvent['type'] | undefined> {
    const now = await this.matches(event.data);
    if (event.type !== 'update') return now ? event.type : undefined;
    const reverse = event.context?.reverse_patch;
    const before = Array.isArray(reverse)
      ? await this.matches(previousOf(event.data, reverse as Operation[]))
      : now;
    if (before && now) return 'update';
    if (now) return 'create';
    if (before) return 'delete';
    return undefined;
  }

  private async matches(stix: Stix): Promise<boolean> {
    if (!(await this.visible(stix))) return false;
    const { filters, aliases } = await this.compiled();
    return stixMatches(stix, filters, aliases);
  }

  private async compiled(): Promise<{ filters: FilterGroup; aliases: IdAliases }> {
    if (!this.filters || !this.aliases) {
      const filters =
        this.source.kind === 'live' && this.source.collection
          ? this.source.collection.filterGroup
          : { mode: 'and' as const, filters: [], filterGroups: [] };
      const { store, system } = this.service.ports;
      this.aliases = await resolveIdAliases(store, system, filterIdValues(filters));
      this.filters = filters;
    }
    return { filters: this.filters, aliases: this.aliases };
  }

  /** Markings and organization grants of the STIX object against the reader's rights. */
  private async visible(stix: Stix): Promise<boolean> {
    const rule = accessRule(this.ctx);
    const octi = (stix.extensions as Record<string, Stix> | undefined)?.[OCTI_EXTENSION_ID];
    const members = restrictedMemberIds(octi?.authorized_members);
    if (!membersAllowed(rule, members)) return false;
    const granted = stringList(octi?.granted_refs);
    if (!organizationsAllowed(rule, entityTypeOfStix(stix), granted, members.length > 0)) {
      return false;
    }
    if (rule.markings === 'all') return true;
    const refs = stringList(stix.object_marking_refs);
    if (refs.length === 0) return true;
    const { markingIds, store, system } = this.service.ports;
    const missing = refs.filter((r) => !markingIds.has(r));
    if (missing.length > 0) {
      const found = await store.resolve(system, missing);
      for (const ref of missing) {
        const marking = found.get(ref)?.[0];
        if (marking) markingIds.set(ref, marking.internalId);
      }
    }
    // An unknown marking is never allowed (its id stands for itself).
    return markingsAllowed(
      rule,
      refs.map((r) => markingIds.get(r) ?? r),
    );
  }

  /** Granted organizations are shown only to users who may restrict (§4.4). */
  private shown(stix: Stix): Stix {
    if (hasCapability(this.ctx, 'KNOWLEDGE_KNUPDATE_KNORGARESTRICT')) return stix;
    const extensions = stix.extensions as Record<string, Stix> | undefined;
    const octi = extensions?.[OCTI_EXTENSION_ID];
    if (!octi || !('granted_refs' in octi)) return stix;
    const { granted_refs: _granted, ...rest } = octi;
    return { ...stix, extensions: { ...extensions, [OCTI_EXTENSION_ID]: rest } };
  }

  /**
   * Sends, before an element, `create` events for what it references and this connection has
   * not been sent yet (what the reader may see), their own references first.
   */
  private async dependencies(stix: Stix, eventId: string, depth: number): Promise<void> {
    const refs = stixRefsOf(stix).filter((ref) => !this.sent.has(ref));
    if (refs.length === 0 || depth === 0) return;
    const { store } = this.service.ports;
    const found = await store.resolve(this.ctx, refs);
    const elements = [
      ...new Map(
        refs
          .map((ref) => found.get(ref)?.[0])
          .filter((e): e is StoredElement => e !== undefined)
          .map((e) => [e.internalId, e]),
      ).values(),
    ];
    if (elements.length === 0) return;
    const lookup = await targetLookup(store, elements);
    for (const element of elements) {
      const dependency = toStix(element, lookup) as Stix;
      if (this.sent.has(String(dependency.id)) || !(await this.visible(dependency))) continue;
      await this.dependencies(dependency, eventId, depth - 1);
      this.sent.set(String(dependency.id), true);
      await this.send({
        id: eventId,
        event: 'create',
        data: wireEvent(
          {
            type: 'create',
            scope: 'external',
            elementId: element.internalId,
            entityType: element.entityType,
            message: `creates a ${element.entityType}`,
            origin: { referer: 'init-dependencies' },
            data: dependency,
          },
          this.shown(dependency),
        ),
      });
    }
  }

  /**
   * §4.5 recovery: the stored elements updated in [fromMs, untilMs] that the reader sees and the
   * filters keep, oldest first, each as a `create` with the id `<updated_at ms>-0`.
   */
  async recover(fromMs: number, untilMs: number, signal: AbortSignal): Promise<void> {
    const { index, store } = this.service.ports;
    let after: string | undefined;
    do {
      const page = await index.search(this.ctx, {
        types: RECOVER_TYPES,
        filters: {
          mode: 'and',
          filters: [
            { key: ['updated_at'], values: [new Date(fromMs).toISOString()], operator: 'gte' },
            { key: ['updated_at'], values: [new Date(untilMs).toISOString()], operator: 'lte' },
          ],
          filterGroups: [],
        },
        orderBy: 'updated_at',
        orderMode: 'asc',
        first: RECOVER_PAGE,
        ...(after ? { after } : {}),
      });
      const lookup = await targetLookup(store, page.items);
      for (const element of page.items) {
        if (signal.aborted) return;
        const stix = toStix(element, lookup) as Stix;
        if (this.sent.has(String(stix.id)) || !(await this.matches(stix))) continue;
        const id = eventIdOf(Date.parse(element.updatedAt));
        if (!this.request.noDependencies) await this.dependencies(stix, id, DEPENDENCY_DEPTH);
        this.sent.set(String(stix.id), true);
        await this.send({
          id,
          event: 'create',
          data: wireEvent(
            {
              type: 'create',
              scope: 'external',
              elementId: element.internalId,
              entityType: entityTypeOfStix(stix),
              message: `creates a ${element.entityType}`,
              origin: { referer: 'init-create' },
              data: stix,
            },
            this.shown(stix),
          ),
        });
      }
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
    } while (after && !signal.aborted);
  }
}

/** The STIX before an update, rebuilt from the event's reverse patch. */
function previousOf(data: Stix, reversePatch: Operation[]): Stix {
  try {
    return applyPatch(structuredClone(data), reversePatch, false, true).newDocument;
  } catch {
    return data;
  }
}

function invalid(message: string): AppError {
  return new AppError({ code: 'STREAM_INVALID_REQUEST', category: 'validation', message });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
}
