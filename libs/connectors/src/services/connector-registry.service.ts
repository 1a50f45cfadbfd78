import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONNECTORS_CONFIG } from '@lib/config';
import type { ConnectorsConfig } from '@lib/config';
import { ConnectorBus } from '@lib/connector-bus';
import { EntityStore, deleteElement, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { WorkListService, WorkService } from '@lib/works';
import type {
  Connector,
  ConnectorHealthFlag,
  ConnectorInfo,
  ConnectorRegistration,
} from '../connector.types';
import { connectorHealthFlags } from '../connector-health.util';
import { CONNECTOR_ENTITY_TYPE } from '../connector.types';
import {
  connectorOf,
  newConnectorElement,
  registrationAttributes,
} from '../connector-element.util';

const MAX_CONNECTORS = 1000;

/**
 * The registered connectors (connector-protocol.md §1.4–§1.8): registration declares the
 * connector's queues and keeps its stored state, pings store the state the helper sends and echo
 * it back, reset and delete purge the queues.
 */
@Injectable()
export class ConnectorRegistryService {
  private readonly logger = new Logger(ConnectorRegistryService.name);
  private readonly system = systemContext('connectors');
  private readonly registered = new Set<(connector: Connector) => void>();

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(ConnectorBus) private readonly bus: ConnectorBus,
    @Inject(WorkService) private readonly works: WorkService,
    @Inject(WorkListService) private readonly workList: WorkListService,
    @Inject(CONNECTORS_CONFIG) private readonly config: ConnectorsConfig,
  ) {}

  /** Called on every registration in this process (a worker role beside it starts consuming). */
  onRegistered(listener: (connector: Connector) => void): () => void {
    this.registered.add(listener);
    return () => this.registered.delete(listener);
  }

  /** Creates the connector, or updates what it says of itself; its state is kept. */
  async register(
    ctx: AccessContext,
    registration: ConnectorRegistration,
    options: { builtIn?: boolean } = {},
  ): Promise<Connector> {
    const connector = await this.upsert(ctx, registration, options.builtIn ?? false);
    this.registered.forEach((listener) => listener(connector));
    return connector;
  }

  private async upsert(
    ctx: AccessContext,
    registration: ConnectorRegistration,
    builtIn: boolean,
  ): Promise<Connector> {
    validateRegistration(registration);
    const queues = await this.bus.declareConnector(registration.id);
    const updated = await updateElement(this.store, this.system, registration.id, (el, now) =>
      this.isConnector(el)
        ? {
            ...el,
            attributes: {
              ...el.attributes,
              ...registrationAttributes(registration),
              connector_user_id: ctx.userId,
              queues,
              built_in: builtIn,
              last_seen_at: now,
            },
            updatedAt: now,
          }
        : undefined,
    );
    if (updated && !this.isConnector(updated)) {
      throw invalid('id', `${registration.id} is already the id of a ${updated.entityType}`);
    }
    if (updated) {
      return this.view(updated);
    }
    const element = newConnectorElement(
      registration,
      { userId: ctx.userId, queues, builtIn },
      new Date().toISOString(),
    );
    try {
      await this.store.commit({
        upserts: [{ element, expectedVersion: 0 }],
        deletes: [],
        events: [],
      });
    } catch (error) {
      // Two replicas of one connector registering at once: the second updates.
      if (await this.find(registration.id)) return this.upsert(ctx, registration, builtIn);
      throw error;
    }
    this.logger.log(`Connector ${registration.id} (${registration.type}) registered`);
    return this.view(element);
  }

  /**
   * Stores the state and info the helper sends and returns them. After a reset, the first ping
   * only clears the reset flag, so that the helper receives the emptied state and drops its own.
   */
  async ping(id: string, state: string | null, info: ConnectorInfo | null): Promise<Connector> {
    const updated = await updateElement(this.store, this.system, id, (el, now) => {
      if (!this.isConnector(el)) return undefined;
      const reset = el.attributes.connector_state_reset === true;
      return {
        ...el,
        attributes: {
          ...el.attributes,
          connector_state: reset ? el.attributes.connector_state : state,
          connector_state_reset: false,
          connector_state_timestamp: reset ? el.attributes.connector_state_timestamp : now,
          ...(info ? { connector_info: info } : {}),
          last_seen_at: now,
        },
        updatedAt: now,
      };
    });
    if (!updated || !this.isConnector(updated)) {
      throw notFound(id);
    }
    await this.bus.declareConnector(id);
    return this.view(updated);
  }

  async find(id: string): Promise<Connector | undefined> {
    const element = await this.store.get(this.system, id);
    return element && this.isConnector(element) ? this.view(element) : undefined;
  }

  async get(id: string): Promise<Connector> {
    const connector = await this.find(id);
    if (!connector) throw notFound(id);
    return connector;
  }

  /** Every registered connector, by name. */
  async list(): Promise<Connector[]> {
    const page = await this.index.search(this.system, {
      types: [CONNECTOR_ENTITY_TYPE],
      first: MAX_CONNECTORS,
    });
    return page.items
      .map((element) => this.view(element))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Empties the state (the next ping hands the helper an empty state) and purges the queues. */
  async resetState(id: string): Promise<Connector> {
    const updated = await updateElement(this.store, this.system, id, (el, now) =>
      this.isConnector(el)
        ? {
            ...el,
            attributes: {
              ...el.attributes,
              connector_state: '',
              connector_state_reset: true,
              connector_state_timestamp: now,
            },
            updatedAt: now,
          }
        : undefined,
    );
    if (!updated || !this.isConnector(updated)) throw notFound(id);
    const connector = this.view(updated);
    await this.purgeQueues(connector);
    return connector;
  }

  /** Stores a state set by an administrator (a JSON object text, or null). */
  async setState(id: string, state: string | null): Promise<Connector> {
    if (state !== null) {
      try {
        JSON.parse(state);
      } catch {
        throw invalid('state', 'must be JSON text');
      }
    }
    const updated = await updateElement(this.store, this.system, id, (el, now) =>
      this.isConnector(el)
        ? {
            ...el,
            attributes: {
              ...el.attributes,
              connector_state: state,
              connector_state_reset: true,
              connector_state_timestamp: now,
            },
            updatedAt: now,
          }
        : undefined,
    );
    if (!updated || !this.isConnector(updated)) throw notFound(id);
    return this.view(updated);
  }

  /** Deletes the connector, its works and its queues. */
  async delete(id: string): Promise<void> {
    const connector = await this.get(id);
    for (const work of await this.workList.all({ connectorId: id })) {
      await this.works.delete(work.internalId);
    }
    await this.bus.deleteConnector(connector.id);
    await deleteElement(this.store, this.system, connector.id);
    this.logger.log(`Connector ${id} deleted`);
  }

  /** Why the connector needs attention (empty when it is healthy). */
  async health(connector: Connector): Promise<ConnectorHealthFlag[]> {
    const works = await this.workList.list({ connectorId: connector.id, first: 10 });
    return connectorHealthFlags(connector, works);
  }

  /**
   * `stixBundlePush` for a registered connector: the whole bundle goes to its push queue as one
   * message in OpenCTI's format (connector-protocol.md §2.5), for the workers to import.
   */
  async pushBundle(
    connector: Connector,
    push: { bundle: string; applicantId: string; workId: string; update: boolean },
  ): Promise<void> {
    const message = {
      type: 'bundle',
      applicant_id: push.applicantId,
      content: Buffer.from(push.bundle, 'utf8').toString('base64'),
      work_id: push.workId,
      update: push.update,
    };
    await this.bus.publish(connector.queues.push, [{ body: JSON.stringify(message) }]);
  }

  /** Messages waiting in the connector's push queue (`connector_queue_details`). */
  async pushQueueDepth(connector: Connector): Promise<number> {
    try {
      const depth = await this.bus.depth(connector.queues.push);
      return depth.ready + depth.unacked;
    } catch (error) {
      if (error instanceof AppError && error.category === 'not_found') return 0;
      throw error;
    }
  }

  private async purgeQueues(connector: Connector): Promise<void> {
    for (const queue of [connector.queues.push, connector.queues.listen]) {
      try {
        await this.bus.purge(queue);
      } catch (error) {
        if (!(error instanceof AppError && error.category === 'not_found')) throw error;
      }
    }
  }

  private isConnector(element: StoredElement): boolean {
    return element.entityType === CONNECTOR_ENTITY_TYPE;
  }

  private view(element: StoredElement): Connector {
    return connectorOf(element, Date.now(), this.config.staleSeconds);
  }
}

function validateRegistration(r: ConnectorRegistration): void {
  if (r.id.trim() === '' || r.id.length > 200) {
    throw invalid('id', 'must be 1 to 200 characters');
  }
  if (/[\s/]/.test(r.id)) {
    throw invalid('id', 'must not contain spaces or slashes (it names queues)');
  }
  if (r.name.trim().length < 2) {
    throw invalid('name', 'must be at least 2 characters');
  }
}

function invalid(field: string, message: string): AppError {
  return new AppError({
    code: 'CONNECTOR_INVALID',
    category: 'validation',
    message: `Connector ${field} ${message}`,
    details: { field },
  });
}

function notFound(id: string): AppError {
  return new AppError({
    code: 'CONNECTOR_NOT_FOUND',
    category: 'not_found',
    message: `No connector ${id} (register it first)`,
  });
}
