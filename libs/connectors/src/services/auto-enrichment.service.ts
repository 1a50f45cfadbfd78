import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { VersionConflictError } from '@lib/entity-store';
import { EventStream } from '@lib/event-stream';
import type { StreamEvent } from '@lib/kernel';
import type { Connector } from '../connector.types';
import { ConnectorJobsService, enrichmentScopeMatches } from './connector-jobs.service';
import { ConnectorRegistryService } from './connector-registry.service';

const RESUBSCRIBE_MS = 2000;

/** A timer that an abort cuts short. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
// Imports write thousands of events a second: the connector list is read at most this often.
const CONNECTORS_TTL_MS = 2000;

/**
 * Automatic enrichment (connector-protocol.md §2.8): every knowledge element created (or updated,
 * for connectors that ask) is sent to the active enrichment connectors whose scope covers its
 * type and which enrich automatically. Every worker watches the live stream; the job's work id is
 * derived from the event, so that the first replica dispatches and the others find it done.
 */
@Injectable()
export class AutoEnrichmentService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AutoEnrichmentService.name);
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private enrichers: { at: number; list: Promise<Connector[]> } | undefined;
  /** How long the watcher waits, without automatic enrichers, before it looks for one again. */
  idleMs = CONNECTORS_TTL_MS;

  constructor(
    @Inject(EventStream) private readonly events: EventStream,
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(ConnectorJobsService) private readonly jobs: ConnectorJobsService,
  ) {}

  onApplicationBootstrap(): void {
    this.registry.onRegistered(() => (this.enrichers = undefined));
    this.loop = this.watch();
  }

  // Before the event stream ends its subscriptions (its own onModuleDestroy): a subscription
  // ended under a running loop would be taken again and again.
  async onModuleDestroy(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async watch(): Promise<void> {
    let after: string | undefined = await this.events.lastEventId();
    while (!this.abort.signal.aborted) {
      try {
        // Without a connector enriching automatically, the stream is not read at all (imports
        // append thousands of events a second). The list is read after the position: a
        // connector registered since sees every event from there on.
        const position = await this.events.lastEventId();
        if ((await this.autoEnrichers(true)).length === 0) {
          after = position ?? after;
          await pause(this.idleMs, this.abort.signal);
          continue;
        }
        const stream = this.events.subscribe({
          signal: this.abort.signal,
          ...(after ? { after } : {}),
        });
        for await (const event of stream) {
          after = event.id;
          await this.dispatch(event);
          if ((await this.autoEnrichers()).length === 0) break;
        }
        // The stream ended without being asked to (its store is closing), or no connector takes
        // its events any more: wait, never spin.
        await pause(RESUBSCRIBE_MS, this.abort.signal);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.logger.warn(`Automatic enrichment paused: ${String(error)}`);
        await pause(RESUBSCRIBE_MS, this.abort.signal);
      }
    }
  }

  /**
   * The active enrichment connectors that enrich on creation or update (read again every 2 s, or
   * now when `fresh`).
   */
  private autoEnrichers(fresh = false): Promise<Connector[]> {
    const now = Date.now();
    if (fresh || !this.enrichers || now - this.enrichers.at > CONNECTORS_TTL_MS) {
      const list = this.registry
        .list()
        .then((all) =>
          all.filter(
            (c) => c.type === 'INTERNAL_ENRICHMENT' && c.active && (c.auto || c.autoUpdate),
          ),
        );
      this.enrichers = { at: now, list };
      list.catch(() => (this.enrichers = undefined));
    }
    return this.enrichers.list;
  }

  /** Sends one event's element to the connectors that enrich it automatically. */
  async dispatch(event: StreamEvent): Promise<void> {
    if (event.scope !== 'external' || (event.type !== 'create' && event.type !== 'update')) {
      return;
    }
    const connectors = (await this.autoEnrichers()).filter(
      (c) =>
        (event.type === 'create' ? c.auto : c.autoUpdate) &&
        enrichmentScopeMatches(c, event.entityType) &&
        // What a connector wrote itself does not go back to it.
        event.origin.connector_id !== c.id,
    );
    // The element is read only for the events some connector takes (on the distributed profile
    // it is parsed from the stream entry when first read).
    const standardId =
      connectors.length > 0 && typeof event.data.id === 'string' ? event.data.id : undefined;
    if (!standardId) return;
    for (const connector of connectors) {
      const applicant = typeof event.origin.user_id === 'string' ? event.origin.user_id : null;
      try {
        await this.jobs.enrich(
          applicant ?? connector.userId ?? 'system',
          connector,
          { standardId, entityType: event.entityType, stix: event.data },
          {
            mode: 'auto',
            trigger: event.type,
            workId: `work_${connector.id}_${event.timestamp}_${event.id}`,
          },
        );
      } catch (error) {
        if (!(error instanceof VersionConflictError)) {
          this.logger.warn(
            `Automatic enrichment of ${standardId} by ${connector.id}: ${String(error)}`,
          );
        }
      }
    }
  }
}
