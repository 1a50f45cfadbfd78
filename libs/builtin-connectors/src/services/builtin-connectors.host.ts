import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TokenAuthService } from '@lib/auth';
import { BlobStore } from '@lib/blob-store';
import { DraftsService } from '@lib/drafts';
import { Cache } from '@lib/cache';
import { CONNECTORS_CONFIG } from '@lib/config';
import type { ConnectorsConfig } from '@lib/config';
import { ConnectorBus } from '@lib/connector-bus';
import type { BusConsumer, BusDelivery } from '@lib/connector-bus';
import { ConnectorRegistryService } from '@lib/connectors';
import type { Connector } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { IngestionService } from '@lib/ingestion';
import {
  KnowledgeDeleteService,
  KnowledgeFilesService,
  KnowledgeMergeService,
} from '@lib/knowledge';
import { SearchIndex } from '@lib/search-index';
import { SYSTEM_USER_ID, systemContext } from '@lib/rbac';
import { LiveStreamService, StreamCollectionsService, readSse } from '@lib/streams';
import type { SseMessage, StreamSource } from '@lib/streams';
import { WorkService, ignoringDeletedWork } from '@lib/works';
import type {
  BuiltInConnector,
  ConnectorJob,
  ConnectorOutcome,
  ConnectorSession,
  JobConnector,
  ScheduledConnector,
  StreamConnector,
} from '../builtin-connector.types';
import type { StixObject } from '../connectors/offline-enrichment.util';
import { mitreImport } from '../connectors/mitre-import.connector';
import { offlineEnricher } from '../connectors/offline-enricher.connector';
import type { ConnectorDeps } from '../connectors/connector-deps.types';
import { stixFileExport } from '../connectors/stix-file-export.connector';
import { stixFileImport } from '../connectors/stix-file-import.connector';
import { splunkHecOutput } from '../connectors/splunk-hec-output.connector';
import { StreamOutputRejected, pause } from '../connectors/stream-output.util';
import { syslogOutput } from '../connectors/syslog-output.connector';
import { webhookOutput } from '../connectors/webhook-output.connector';
import { platformSync } from '../connectors/platform-sync.connector';
import { taxiiPoller } from '../connectors/taxii-poller.connector';
import { iocFeeds } from '../connectors/ioc-feed.connector';
import { documentImport } from '../connectors/document-import.connector';
import { httpEnricher } from '../connectors/http-enricher.connector';

const PING_MS = 30_000;
/** Objects per push message: the workers import each message as one batch. */
const CHUNK = 1000;
/** setTimeout's limit is ~24.8 days: longer waits are checked again daily. */
const MAX_WAIT_MS = 24 * 3_600_000;
const RUN_LOCK_TTL_MS = 30 * 60_000;
/** A STREAM connector's lock lapses this long after its last extension (a replica died). */
const STREAM_LOCK_TTL_MS = 60_000;
/** How often a STREAM connector saves its position (and extends its lock). */
const STREAM_SAVE_MS = 2000;
/** Wait before following again after the stream ended or another replica holds it. */
const STREAM_RETRY_MS = 5000;

/** The built-in connectors the configuration enables. */
export function enabledConnectors(
  config: ConnectorsConfig['builtIn'],
  deps: ConnectorDeps,
): BuiltInConnector[] {
  return config.enabled.flatMap((name): BuiltInConnector | BuiltInConnector[] => {
    switch (name) {
      case 'mitre':
        return mitreImport(config.mitreSources, config.mitreIntervalHours);
      case 'offline-enricher':
        return offlineEnricher();
      case 'import-stix':
        return stixFileImport(deps);
      case 'export':
        return stixFileExport(deps);
      case 'webhook':
        return webhookOutput(required(config.webhook, name));
      case 'splunk-hec':
        return splunkHecOutput(required(config.splunk, name));
      case 'syslog':
        return syslogOutput(required(config.syslog, name));
      case 'sync':
        return platformSync(required(config.sync, name), deps);
      case 'taxii':
        return taxiiPoller(required(config.taxii, name));
      case 'ioc-feeds': {
        const settings = required(config.iocFeeds, name);
        return iocFeeds(settings.feeds, settings.intervalMinutes);
      }
      case 'import-document':
        return documentImport(deps);
      case 'http-enricher':
        return required(config.httpEnrichers, name).map(httpEnricher);
    }
  });
}

function required<T>(settings: T | undefined, name: string): T {
  if (!settings) throw new Error(`The ${name} connector is enabled without its settings`);
  return settings;
}

/**
 * The connector-host role: registers the built-in connectors like any connector, keeps them
 * pinging, runs the scheduled ones (one replica at a time, under a lock) and consumes the
 * listen queues of the others. What they produce goes through their push queues in OpenCTI's
 * message format, imported by the workers and counted on their works, as pycti's would be.
 */
@Injectable()
export class BuiltInConnectorsHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BuiltInConnectorsHost.name);
  private readonly system = systemContext('connector-host');
  private readonly connectors: BuiltInConnector[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly consumers: Promise<BusConsumer>[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
    @Inject(Cache) private readonly cache: Cache,
    @Inject(CONNECTORS_CONFIG) config: ConnectorsConfig,
    @Inject(BlobStore) blobs: BlobStore,
    @Inject(EntityStore) store: EntityStore,
    @Inject(SearchIndex) index: SearchIndex,
    @Inject(KnowledgeFilesService) files: KnowledgeFilesService,
    @Inject(TokenAuthService) auth: TokenAuthService,
    @Inject(LiveStreamService) private readonly streams: LiveStreamService,
    @Inject(StreamCollectionsService) private readonly collections: StreamCollectionsService,
    @Inject(IngestionService) ingestion: IngestionService,
    @Inject(KnowledgeDeleteService) deleter: KnowledgeDeleteService,
    @Inject(KnowledgeMergeService) merger: KnowledgeMergeService,
    @Inject(DraftsService) drafts: DraftsService,
  ) {
    this.connectors = enabledConnectors(config.builtIn, {
      ...{ blobs, store, index, files, auth },
      ...{ ingestion, deleter, merger, drafts },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const connector of this.connectors) {
      const registered = await this.registry.register(this.system, connector.registration, {
        builtIn: true,
      });
      this.every(PING_MS, () => this.ping(registered.id));
      if (connector.kind === 'scheduled') {
        this.schedule(connector, 0);
      } else if (connector.kind === 'stream') {
        void this.track(this.follow(connector));
      } else {
        this.consumers.push(this.listen(connector, registered));
      }
    }
    if (this.connectors.length > 0) {
      this.logger.log(
        `Built-in connectors: ${this.connectors.map((c) => c.registration.id).join(', ')}`,
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    this.timers.forEach((t) => clearTimeout(t));
    const consumers = await Promise.allSettled(this.consumers);
    for (const consumer of consumers) {
      if (consumer.status === 'fulfilled') await consumer.value.stop();
    }
    await Promise.allSettled([...this.running]);
  }

  /** Runs a scheduled connector now, whatever its schedule (tests, an admin's "run now"). */
  async runNow(connectorId: string): Promise<string | undefined> {
    const connector = this.connectors.find((c) => c.registration.id === connectorId);
    if (!connector || connector.kind !== 'scheduled') {
      throw new AppError({
        code: 'CONNECTOR_NOT_FOUND',
        category: 'not_found',
        message: `No scheduled built-in connector ${connectorId}`,
      });
    }
    return this.track(this.runOnce(connector, true));
  }

  private schedule(connector: ScheduledConnector, delayMs: number): void {
    this.after(Math.min(delayMs, MAX_WAIT_MS), async () => {
      const due = await this.dueIn(connector);
      if (due > 0) {
        this.schedule(connector, due);
        return;
      }
      await this.track(this.runOnce(connector, false));
      this.schedule(connector, connector.intervalMs);
    });
  }

  /** Milliseconds until the connector's next run (0: now), from the last run its state records. */
  private async dueIn(connector: ScheduledConnector): Promise<number> {
    return dueFrom(connector, await this.registry.get(connector.registration.id));
  }

  /** One run under the connector's lock (another replica running it: skipped); its work id. */
  private async runOnce(
    connector: ScheduledConnector,
    force: boolean,
  ): Promise<string | undefined> {
    const id = connector.registration.id;
    try {
      return await this.cache.withLock(
        [`builtin-connector:${id}`],
        async () => {
          const registered = await this.registry.get(id);
          if (!force && dueFrom(connector, registered) > 0) return undefined;
          const now = new Date();
          const work = await this.works.create({
            connectorId: id,
            name: connector.workName(now),
            userId: SYSTEM_USER_ID,
            // Sources are sent one after the other: done when the run says so, not before.
            multipart: true,
          });
          const state = { ...parseState(registered.state), last_run: now.toISOString() };
          await this.registry.setState(id, JSON.stringify(state));
          const session = this.session(registered, work.internalId, state);
          await this.finish(work.internalId, () => connector.run(session));
          return work.internalId;
        },
        { ttlMs: RUN_LOCK_TTL_MS, waitMs: 0 },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'LOCK_TIMEOUT') return undefined;
      this.logger.error(`Built-in connector ${id} failed: ${String(error)}`);
      return undefined;
    }
  }

  private async listen(connector: JobConnector, registered: Connector): Promise<BusConsumer> {
    return this.bus.consume(
      registered.queues.listen,
      async (batch: readonly BusDelivery[]) => {
        for (const delivery of batch) {
          await this.track(this.job(connector, registered, delivery));
        }
      },
      { prefetch: 1, leaseMs: 30 * 60_000 },
    );
  }

  private async job(
    connector: JobConnector,
    registered: Connector,
    delivery: BusDelivery,
  ): Promise<void> {
    let job: ConnectorJob;
    try {
      job = JSON.parse(delivery.body) as ConnectorJob;
      if (typeof job.internal?.work_id !== 'string' || typeof job.event !== 'object') {
        throw new Error('no internal.work_id or event');
      }
    } catch (error) {
      this.logger.warn(`Job of ${registered.id} dropped, not a job: ${String(error)}`);
      return;
    }
    const workId = job.internal.work_id;
    if (!(await this.works.isAlive(workId))) return;
    // A job may send in several parts (a file read part by part): done when it says so.
    await this.works.toReceived(workId, 'Connector ready to process the operation', {
      multipart: true,
    });
    const session = this.session(registered, workId, parseState(registered.state));
    await this.finish(workId, () => connector.handle(job, session));
  }

  /** Runs the work's body and reports how it ended (an exception ends the work in error). */
  private async finish(workId: string, body: () => Promise<ConnectorOutcome>): Promise<void> {
    let outcome: ConnectorOutcome;
    try {
      outcome = await body();
    } catch (error) {
      outcome = { message: error instanceof Error ? error.message : String(error), inError: true };
    }
    await ignoringDeletedWork(
      this.works.toProcessed(workId, outcome.message, outcome.inError === true),
    );
  }

  /**
   * A STREAM connector's life: one replica at a time (a lock extended as it goes) follows its
   * stream from the position in its state (the first run: from now), delivers each message and
   * saves the position every few seconds; a message its destination refuses is skipped and
   * logged, a destination down holds the position until it is back.
   */
  private async follow(connector: StreamConnector): Promise<void> {
    const id = connector.registration.id;
    const signal = this.shutdown.signal;
    while (!signal.aborted) {
      try {
        await this.cache.withLock(
          [`builtin-connector:${id}`],
          (lock) => this.followOnce(connector, signal, () => lock.extend()),
          { ttlMs: STREAM_LOCK_TTL_MS, waitMs: 0 },
        );
      } catch (error) {
        const busy = error instanceof AppError && error.code === 'LOCK_TIMEOUT';
        if (!busy && !signal.aborted) {
          this.logger.warn(`Built-in connector ${id} stopped following: ${String(error)}`);
        }
      }
      await pause(STREAM_RETRY_MS, signal).catch(() => undefined);
    }
    await connector.close?.();
  }

  private async followOnce(
    connector: StreamConnector,
    signal: AbortSignal,
    extend: () => Promise<void>,
  ): Promise<void> {
    const id = connector.registration.id;
    const state = parseState((await this.registry.get(id)).state) ?? {};
    let cursor = typeof state.start_from === 'string' ? state.start_from : undefined;
    let savedAt = Date.now();
    const save = async () => {
      await connector.flush?.();
      await extend();
      if (cursor)
        await this.registry.setState(id, JSON.stringify({ ...state, start_from: cursor }));
      savedAt = Date.now();
    };
    const receive = async (message: SseMessage): Promise<void> => {
      if (message.id === undefined) return;
      if (message.event === 'heartbeat') {
        await connector.flush?.();
      } else {
        try {
          await connector.deliver(
            { id: message.id, event: message.event, data: message.data as Record<string, unknown> },
            signal,
          );
        } catch (error) {
          if (!(error instanceof StreamOutputRejected)) throw error;
          this.logger.warn(`${id} skipped ${message.id}, refused: ${error.message}`);
        }
      }
      cursor = message.id;
      if (Date.now() - savedAt >= STREAM_SAVE_MS) await save();
    };
    try {
      if (connector.remote) {
        await this.followRemote(connector.remote, connector.stream, cursor, receive, signal);
      } else {
        await this.streams.serve(
          this.system,
          await this.localSource(connector.stream),
          {
            ...(cursor ? { from: cursor } : {}),
            listenDelete: true,
            noDependencies: true,
            withInferences: false,
          },
          receive,
          signal,
        );
      }
    } finally {
      await save().catch(() => undefined);
    }
  }

  private async localSource(stream: string): Promise<StreamSource> {
    return stream === 'live'
      ? { kind: 'live' }
      : { kind: 'live', collection: await this.collections.get(stream) };
  }

  /**
   * Another platform's live stream over SSE, as pycti reads it: the first run copies its
   * current state (`from` 0 with `recover` now), later runs resume after the saved position.
   */
  private async followRemote(
    remote: { url: string; token: string },
    stream: string,
    cursor: string | undefined,
    receive: (message: SseMessage) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    const base = `${remote.url.replace(/\/+$/, '')}/stream/${encodeURIComponent(stream)}`;
    const url = cursor ? base : `${base}?recover=${encodeURIComponent(new Date().toISOString())}`;
    const messages = readSse(url, {
      headers: {
        authorization: `Bearer ${remote.token}`,
        'last-event-id': cursor ?? '0-0',
        'listen-delete': 'true',
        'no-dependencies': 'false',
      },
      signal,
    });
    for await (const message of messages) {
      if (message.id === undefined) continue;
      await receive({
        id: message.id,
        event: message.event,
        data: message.event === 'heartbeat' ? message.data : (JSON.parse(message.data) as unknown),
      });
    }
  }

  private session(
    connector: Connector,
    workId: string,
    initial: Record<string, unknown> | null,
  ): ConnectorSession {
    let state = initial;
    return {
      workId,
      get state() {
        return state;
      },
      send: async (objects: readonly StixObject[]) => {
        for (let i = 0; i < objects.length; i += CHUNK) {
          const chunk = objects.slice(i, i + CHUNK);
          await this.works.addExpectations(workId, chunk.length);
          const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: chunk };
          await this.registry.pushBundle(connector, {
            bundle: JSON.stringify(bundle),
            applicantId: SYSTEM_USER_ID,
            workId,
            update: true,
          });
        }
        return objects.length;
      },
      saveState: async (next: Record<string, unknown>) => {
        state = { ...state, ...next };
        await this.registry.setState(connector.id, JSON.stringify(state));
      },
      attachDraft: async (draftId: string) => {
        await this.works.setDraftContext(workId, draftId);
      },
    };
  }

  private async ping(id: string): Promise<void> {
    const connector = await this.registry.get(id);
    await this.registry.ping(id, connector.state, null);
  }

  private every(ms: number, fn: () => Promise<void>): void {
    this.after(ms, async () => {
      await fn();
      this.every(ms, fn);
    });
  }

  private after(ms: number, fn: () => Promise<void>): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      fn().catch((error: unknown) => {
        this.logger.warn(`Built-in connectors: ${String(error)}`);
        if (!this.stopped) this.after(Math.max(ms, 5000), fn);
      });
    }, ms);
    this.timers.add(timer);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise)).catch(() => undefined);
    return promise;
  }
}

function dueFrom(connector: ScheduledConnector, registered: Connector): number {
  const state = parseState(registered.state);
  const last = typeof state?.last_run === 'string' ? Date.parse(state.last_run) : NaN;
  return Number.isNaN(last) ? 0 : Math.max(0, last + connector.intervalMs - Date.now());
}

function parseState(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
