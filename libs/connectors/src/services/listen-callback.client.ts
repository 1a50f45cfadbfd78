import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BusDelivery, BusNack } from '@lib/connector-bus';
import { EntityStore } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { WorkService } from '@lib/works';
import type { Connector } from '../connector.types';
import { ConnectorKeysService } from './connector-keys.service';

/** pycti runs the job inside the request: long jobs are normal. */
const CALLBACK_TIMEOUT_MS = 300_000;
/** After a connection error, the job comes back after this (the connector may be restarting). */
const UNREACHABLE_PAUSE_MS = 10_000;
/** Tries before a job for an unreachable connector is given up (about 10 minutes). */
const UNREACHABLE_DELIVERIES = 60;

/**
 * The HTTP listen mode (connector-protocol.md §2.9): jobs of connectors registered with a
 * callback URI are POSTed to it, as OpenCTI's worker does, with the connector user's token
 * (pycti 6) or a JWT signed with the platform key (pycti 7, known by the User-Agent it registered with).
 */
@Injectable()
export class ListenCallbackClient {
  private readonly logger = new Logger(ListenCallbackClient.name);
  private readonly system = systemContext('listen-callback');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(ConnectorKeysService) private readonly keys: ConnectorKeysService,
    @Inject(WorkService) private readonly works: WorkService,
  ) {}

  /** Delivers a batch of jobs one by one; returns the nacks. */
  async deliver(
    connector: Connector,
    batch: readonly BusDelivery[],
  ): Promise<Map<string, BusNack>> {
    const nacks = new Map<string, BusNack>();
    const uri = connector.listenCallbackUri;
    if (!uri) {
      batch.forEach((d) =>
        nacks.set(d.deliveryTag, { requeue: true, delayMs: UNREACHABLE_PAUSE_MS }),
      );
      return nacks;
    }
    const bearer = await this.bearer(connector);
    for (const delivery of batch) {
      const nack = await this.post(connector, uri, bearer, delivery);
      if (nack) nacks.set(delivery.deliveryTag, nack);
    }
    return nacks;
  }

  private async post(
    connector: Connector,
    uri: string,
    bearer: string,
    delivery: BusDelivery,
  ): Promise<BusNack | undefined> {
    let response: Response;
    try {
      response = await fetch(uri, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          'user-agent': 'threatloom-worker',
        },
        body: delivery.body,
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      });
    } catch (error) {
      const message = `Connector ${connector.id} unreachable at ${uri}: ${String(error)}`;
      this.logger.warn(message);
      if (delivery.deliveryCount < UNREACHABLE_DELIVERIES) {
        return { requeue: true, delayMs: UNREACHABLE_PAUSE_MS };
      }
      await this.failWork(delivery, `${message} (gave up after ${delivery.deliveryCount} tries)`);
      return {
        requeue: false,
        error: new AppError({ code: 'CONNECTOR_UNREACHABLE', category: 'unavailable', message }),
      };
    }
    if (response.status === 200 || response.status === 202) {
      return undefined;
    }
    const text = (await response.text().catch(() => '')).slice(0, 300);
    const message = `Connector ${connector.id} answered ${response.status} at ${uri}: ${text}`;
    this.logger.warn(message);
    await this.failWork(delivery, message);
    return {
      requeue: false,
      error: new AppError({ code: 'CONNECTOR_CALLBACK_FAILED', category: 'unavailable', message }),
    };
  }

  /** A job given up: its work ends in error, so that nobody waits for it. */
  private async failWork(delivery: BusDelivery, message: string): Promise<void> {
    let workId: unknown;
    try {
      workId = (JSON.parse(delivery.body) as { internal?: { work_id?: unknown } }).internal
        ?.work_id;
    } catch {
      return;
    }
    if (typeof workId !== 'string') return;
    try {
      await this.works.toProcessed(workId, message, true);
    } catch (error) {
      this.logger.warn(`Cannot end work ${workId} in error: ${String(error)}`);
    }
  }

  private async bearer(connector: Connector): Promise<string> {
    if ((connector.clientMajor ?? 0) >= 7) {
      return this.keys.connectorJwt();
    }
    const user = connector.userId ? await this.store.get(this.system, connector.userId) : undefined;
    const token = user?.attributes.api_token;
    if (typeof token !== 'string') {
      throw new AppError({
        code: 'CONNECTOR_USER_MISSING',
        category: 'internal',
        message: `Connector ${connector.id} has no user with a token to call it back with`,
      });
    }
    return token;
  }
}
