import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CONNECTORS_CONFIG, INGESTION_CONFIG } from '@lib/config';
import type { ConnectorsConfig, IngestionConfig } from '@lib/config';
import { ConnectorBus } from '@lib/connector-bus';
import type {
  BusConsumeOptions,
  BusConsumer,
  BusDelivery,
  BusHandler,
  BusNack,
} from '@lib/connector-bus';
import { DraftsService } from '@lib/drafts';
import { IngestionService } from '@lib/ingestion';
import type { RejectedObject } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import { TokenAuthService } from '@lib/auth';
import { systemContext } from '@lib/rbac';
import { WorkService, ignoringDeletedWork } from '@lib/works';
import type { WorkError } from '@lib/works';
import type { Connector } from '../connector.types';
import { PushMessageError, decodePushMessage, entitiesTypesFilter } from '../push-message.util';
import type { DecodedPush } from '../push-message.util';
import { ConnectorRegistryService } from './connector-registry.service';
import { ListenCallbackClient } from './listen-callback.client';

/** Deliveries of a message whose objects still miss references before these are rejected. */
const MISSING_REFERENCE_DELIVERIES = 5;
/** Pause before such a message comes back, times its deliveries so far. */
const MISSING_REFERENCE_PAUSE_MS = 500;

type Decoded = DecodedPush & { delivery: BusDelivery; kept: unknown[]; filtered: number };

/**
 * The worker side of the connector queues (connector-protocol.md §2.7, §2.9): every registered connector's
 * push queue is consumed in batches of up to `pushPrefetch` messages; the messages of one work are
 * imported together as one ingestion run (never one object per store round trip) and counted to
 * their work. Messages whose objects miss references are requeued a few times (another worker may
 * be writing what they link), then their objects are rejected with the reason.
 */
@Injectable()
export class ConnectorPushConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConnectorPushConsumer.name);
  private readonly consumers = new Map<string, Promise<BusConsumer>>();
  private readonly latest = new Map<string, Connector>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
    @Inject(ConnectorRegistryService) private readonly registry: ConnectorRegistryService,
    @Inject(IngestionService) private readonly ingestion: IngestionService,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(ListenCallbackClient) private readonly callbacks: ListenCallbackClient,
    @Inject(DraftsService) private readonly drafts: DraftsService,
    @Inject(TokenAuthService) private readonly auth: TokenAuthService,
    @Inject(CONNECTORS_CONFIG) private readonly config: ConnectorsConfig,
    @Inject(INGESTION_CONFIG) private readonly ingestionConfig: IngestionConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = this.registry.onRegistered((connector) => {
      if (!this.stopped) this.ensure(connector);
    });
    await this.discover();
    this.timer = setInterval(() => {
      this.discover().catch((error: unknown) =>
        this.logger.warn(`Connector discovery failed: ${String(error)}`),
      );
    }, this.config.discoverySeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    const all = [...this.consumers.values()];
    this.consumers.clear();
    await Promise.all(all.map(async (c) => (await c).stop()));
  }

  /**
   * Starts consuming the push queues of connectors registered since the last look, and the listen
   * queues of those in the HTTP listen mode (their jobs are POSTed to their callback).
   */
  async discover(): Promise<void> {
    if (this.stopped) return;
    const connectors = await this.registry.list();
    const queues = new Set<string>();
    for (const connector of connectors) {
      this.ensure(connector);
      queues.add(connector.queues.push);
      if (connector.listenCallbackUri) queues.add(connector.queues.listen);
    }
    for (const [queue, consumer] of this.consumers) {
      if (!queues.has(queue)) {
        this.consumers.delete(queue);
        await (await consumer).stop();
      }
    }
  }

  private ensure(connector: Connector): void {
    this.latest.set(connector.id, connector);
    if (!this.consumers.has(connector.queues.push)) {
      this.start(connector.queues.push, (batch) => this.handle(connector, batch), {
        prefetch: this.config.pushPrefetch,
        readAhead: true,
        leaseMs: this.ingestionConfig.leaseSeconds * 1000,
      });
    }
    if (connector.listenCallbackUri && !this.consumers.has(connector.queues.listen)) {
      // The connector as last seen: its callback URI and version may change when it registers.
      const current = () => this.latest.get(connector.id) ?? connector;
      this.start(connector.queues.listen, (batch) => this.callbacks.deliver(current(), batch), {
        prefetch: 1,
        concurrency: 2,
        leaseMs: 15 * 60_000,
      });
    }
  }

  private start(queue: string, handler: BusHandler, options: BusConsumeOptions): void {
    const consumer = this.bus.consume(queue, handler, options);
    consumer.catch((error: unknown) => {
      this.consumers.delete(queue);
      this.logger.warn(`Cannot consume ${queue}: ${String(error)}`);
    });
    this.consumers.set(queue, consumer);
  }

  private async handle(
    connector: Connector,
    batch: readonly BusDelivery[],
  ): Promise<Map<string, BusNack>> {
    const nacks = new Map<string, BusNack>();
    const groups = new Map<string, Decoded[]>();
    for (const delivery of batch) {
      try {
        const decoded = decodePushMessage(delivery.body);
        const keep = entitiesTypesFilter(decoded.message.entities_types);
        const kept = decoded.objects.filter(keep);
        const item = { ...decoded, delivery, kept, filtered: decoded.objects.length - kept.length };
        const m = decoded.message;
        const key = JSON.stringify([
          m.work_id ?? '',
          m.applicant_id ?? '',
          !!m.update,
          m.draft_id ?? '',
        ]);
        groups.set(key, [...(groups.get(key) ?? []), item]);
      } catch (error) {
        if (!(error instanceof PushMessageError)) throw error;
        this.logger.warn(`Push message ${delivery.messageId} of ${connector.id}: ${error.message}`);
        nacks.set(delivery.deliveryTag, {
          requeue: false,
          error: new AppError({
            code: 'PUSH_MESSAGE_INVALID',
            category: 'validation',
            message: `Push message of connector ${connector.id}: ${error.message}`,
          }),
        });
      }
    }
    for (const items of groups.values()) {
      const message = items[0]?.message;
      const work = message?.work_id ? await this.works.find(message.work_id) : undefined;
      // The work was deleted: its messages are dropped (acked), as OpenCTI's worker does.
      if (message?.work_id && !work) continue;
      // pycti's HTTP mode pushes without the draft it made, after `addDraftContext` on the work.
      const context = work?.attributes.draft_context;
      const draftId =
        message?.draft_id || (typeof context === 'string' && context !== '' ? context : undefined);
      if (draftId) {
        await this.stageGroup(draftId, items);
        continue;
      }
      for (const [tag, nack] of await this.importGroup(connector, items)) {
        nacks.set(tag, nack);
      }
    }
    return nacks;
  }

  /**
   * Stages the messages sent to a draft (`draft_id`, or their work's draft context) in it instead
   * of the graph; counted to their work as processed. A draft gone or validated refuses them: the
   * work says why, nothing is imported behind the reviewer's back.
   */
  private async stageGroup(draftId: string, items: Decoded[]): Promise<void> {
    const workId = items[0]?.message.work_id ?? undefined;
    const objects = items.flatMap((item) => item.kept);
    let errors: WorkError[] = [];
    try {
      await this.drafts.stage(draftId, objects);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.logger.warn(`Push to draft ${draftId}: ${error.message}`);
      errors = [{ timestamp: new Date().toISOString(), message: error.message, source: draftId }];
    }
    if (workId) {
      await this.reportToWork(workId, {
        processed: items.reduce((n, item) => n + item.objects.length, 0),
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: errors.length > 0 ? objects.length : 0,
        errors,
      });
    }
  }

  /**
   * Who imports (data-model.md §4.6): the applicant the message names, with his rights (markings,
   * organizations, confidence), else the connector's own user; the platform itself only for
   * messages of neither (its built-in connectors).
   */
  private async importer(connector: Connector, applicantId: string | null | undefined) {
    for (const userId of [applicantId, connector.userId]) {
      if (!userId) continue;
      const ctx = await this.auth.contextForUser(userId);
      if (ctx) return ctx;
      this.logger.warn(`Push of ${connector.id}: user ${userId} is unknown or disabled`);
    }
    return systemContext('worker');
  }

  /** Imports the messages of one work (alive) together; returns the requeued ones. */
  private async importGroup(connector: Connector, items: Decoded[]): Promise<Map<string, BusNack>> {
    const requeued = new Map<string, BusNack>();
    const first = items[0]?.message;
    const workId = first?.work_id ?? undefined;
    const run = await this.ingestion.openRun({
      ctx: await this.importer(connector, first?.applicant_id),
      connectorId: connector.id,
      workName: `${connector.name} push`,
      update: first?.update === true,
      work: 'none',
      origin: {
        ...(workId ? { work_id: workId } : {}),
        ...(first?.applicant_id ? { applicant_id: first.applicant_id } : {}),
        connector_id: connector.id,
      },
    });
    // Where each message's objects sit in the run, to map rejections back to messages.
    const ranges: { item: Decoded; from: number; to: number }[] = [];
    const objects: unknown[] = [];
    for (const item of items) {
      ranges.push({ item, from: objects.length, to: objects.length + item.kept.length });
      objects.push(...item.kept);
    }
    await run.addObjects(objects, { name: `push queue of ${connector.id}` });
    const report = await run.finish();
    // Each rejection's message, found once: it decides the requeues and the errors reported.
    const messageOf = new Map(
      report.rejections.map((r) => [r, ranges.find((x) => r.index >= x.from && r.index < x.to)]),
    );
    const retry = new Set<Decoded>();
    for (const r of report.rejections) {
      const range = messageOf.get(r);
      if (
        range &&
        r.missingReference &&
        range.item.delivery.deliveryCount < MISSING_REFERENCE_DELIVERIES
      ) {
        retry.add(range.item);
      }
    }
    retry.forEach((item) =>
      requeued.set(item.delivery.deliveryTag, {
        requeue: true,
        delayMs: MISSING_REFERENCE_PAUSE_MS * item.delivery.deliveryCount,
      }),
    );
    this.logger.debug(
      `Push of ${connector.id}: ${items.length} messages, ${objects.length} objects: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected, ${retry.size} messages requeued for missing references`,
    );
    if (workId) {
      const errors = report.rejections
        .filter((r) => {
          const item = messageOf.get(r)?.item;
          return !item || !retry.has(item);
        })
        .map((r) => this.workError(r));
      const settled = items.filter((item) => !retry.has(item));
      await this.reportToWork(workId, {
        processed: settled.reduce((n, item) => n + item.objects.length, 0),
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: errors.length,
        errors,
      });
    }
    return requeued;
  }

  private async reportToWork(
    workId: string,
    progress: Parameters<WorkService['report']>[1],
  ): Promise<void> {
    await ignoringDeletedWork(this.works.report(workId, progress));
  }

  private workError(r: RejectedObject): WorkError {
    const where = [r.id, r.type, r.field ? `field ${r.field}` : undefined]
      .filter(Boolean)
      .join(', ');
    return { timestamp: new Date().toISOString(), message: r.reason, source: where };
  }
}
