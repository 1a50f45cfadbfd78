import type { OnModuleDestroy } from '@nestjs/common';
import type { ConnectorBusConfig } from '@lib/config';
import { AppError } from '@lib/kernel';
import { SqliteDurableQueue, SqliteQueueConsumer, sqliteFailure } from '@lib/sqlite';
import type {
  DurableMessage,
  DurableMessageRef,
  DurableSettlement,
  SqliteDatabase,
} from '@lib/sqlite';
import { ConnectorBus } from '../connector-bus.port';
import type {
  BusConsumeOptions,
  BusConsumer,
  BusDeadLetter,
  BusDelivery,
  BusFetchOptions,
  BusHandler,
  BusMessageDraft,
  BusNack,
  ConnectorQueues,
  DeadLetterReason,
  QueueDepth,
} from '../connector-bus.types';
import { connectorQueues } from '../connector-queues.util';
import {
  BusDeadLetterNotFoundError,
  BusQueueNotFoundError,
  InvalidBusRequestError,
} from '../errors/connector-bus.error';
import { parseTag, reasonOf, toDeadLetter, toDelivery } from './sqlite-bus-records';
import { BUS_QUEUE_COMPONENT, BUS_QUEUE_MIGRATIONS } from './sqlite-connector-bus.constants';

export type SqliteConnectorBusOptions = {
  /** Longest idle sleep of a consumer; publishes in this process wake it at once (default 1 s). */
  pollIntervalMs?: number;
  /** Default lease of a consumed batch (default 5 min). */
  leaseMs?: number;
  /** Default visibility timeout of fetched messages (default 60 s). */
  visibilityTimeoutMs?: number;
  /** Delay before a batch whose handler failed as `unavailable` is delivered again (default 1 s). */
  requeueDelayMs?: number;
  /** Records storage failures of consumer loops (default: a process warning). */
  onError?: (error: unknown) => void;
};

const REALM = 'bus';
const MAX_QUEUE_NAME_BYTES = 255;
const REJECTED: DeadLetterReason = { code: 'BUS_REJECTED', message: 'Rejected by the consumer' };

/** Connector queues kept in the shared SQLite file (embedded profile, HTTP queue mode). */
export class SqliteConnectorBus extends ConnectorBus implements OnModuleDestroy {
  private readonly engine: SqliteDurableQueue;
  private readonly consumers = new Set<SqliteQueueConsumer>();
  private readonly settings: Required<SqliteConnectorBusOptions>;

  constructor(
    private readonly database: SqliteDatabase,
    _config: ConnectorBusConfig,
    options: SqliteConnectorBusOptions = {},
  ) {
    super();
    this.engine = guard(() => {
      database.migrate(BUS_QUEUE_COMPONENT, BUS_QUEUE_MIGRATIONS);
      return SqliteDurableQueue.for(database, REALM);
    });
    this.settings = {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      leaseMs: options.leaseMs ?? 300_000,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 60_000,
      requeueDelayMs: options.requeueDelayMs ?? 1000,
      onError: options.onError ?? reportConsumerError,
    };
  }

  declareConnector(connectorId: string): Promise<ConnectorQueues> {
    return run(() => {
      assertName(connectorId, 'connectorId');
      const queues = connectorQueues(connectorId);
      this.database.transaction(() => [queues.push, queues.listen].forEach((q) => this.declare(q)));
      return queues;
    });
  }

  deleteConnector(connectorId: string): Promise<void> {
    return run(() => {
      const { push, listen } = connectorQueues(connectorId);
      this.database.transaction(() => [push, listen].forEach((queue) => this.remove(queue)));
    });
  }

  declareQueue(queue: string): Promise<void> {
    return run(() => this.declare(queue));
  }

  deleteQueue(queue: string): Promise<void> {
    return run(() => this.database.transaction(() => this.remove(queue)));
  }

  publish(queue: string, messages: readonly BusMessageDraft[]): Promise<void> {
    return run(() => {
      messages.forEach(assertMessage);
      this.database.transaction(() => {
        this.assertDeclared(queue);
        this.engine.enqueue(messages.map((m) => ({ queue, body: m.body, headers: m.headers })));
      });
    });
  }

  consume(queue: string, handler: BusHandler, options: BusConsumeOptions): Promise<BusConsumer> {
    return run(() => {
      this.assertDeclared(queue);
      const concurrency = options.concurrency ?? 1;
      const leaseMs = options.leaseMs ?? this.settings.leaseMs;
      assertPositive({ prefetch: options.prefetch, concurrency, leaseMs });
      const consumer = new SqliteQueueConsumer(
        this.engine,
        { ...this.settings, queue, batchSize: options.prefetch, concurrency, leaseMs },
        (messages) => this.runBatch(handler, messages),
      );
      this.consumers.add(consumer);
      consumer.start();
      return {
        stop: async () => {
          await consumer.stop();
          this.consumers.delete(consumer);
        },
      };
    });
  }

  fetch(queue: string, options: BusFetchOptions): Promise<BusDelivery[]> {
    return run(() => {
      this.assertDeclared(queue);
      const visibilityTimeoutMs = options.visibilityTimeoutMs ?? this.settings.visibilityTimeoutMs;
      assertPositive({ max: options.max, visibilityTimeoutMs });
      return this.engine.claim(queue, options.max, visibilityTimeoutMs).map(toDelivery);
    });
  }

  ack(deliveryTags: readonly string[]): Promise<void> {
    return run(() => {
      this.engine.settle(deliveryTags.map((tag) => ({ ref: parseTag(tag), action: 'ack' })));
    });
  }

  nack(
    deliveryTags: readonly string[],
    options: { requeue: boolean; reason?: DeadLetterReason },
  ): Promise<void> {
    return run(() => {
      const nack: BusNack = options.requeue
        ? { requeue: true }
        : { requeue: false, error: options.reason };
      this.engine.settle(deliveryTags.map((tag) => this.nacked(parseTag(tag), nack)));
    });
  }

  depth(queue: string): Promise<QueueDepth> {
    return run(() => {
      this.assertDeclared(queue);
      const stats = this.engine.stats(queue);
      return { ready: stats.waiting + stats.delayed, unacked: stats.active, dead: stats.dead };
    });
  }

  purge(queue: string): Promise<number> {
    return run(() => {
      this.assertDeclared(queue);
      return this.engine.purge(queue);
    });
  }

  listDeadLetters(queue: string, options: { limit?: number } = {}): Promise<BusDeadLetter[]> {
    return run(() => {
      this.assertDeclared(queue);
      return this.engine.deadLetters(queue, { limit: options.limit ?? 100 }).map(toDeadLetter);
    });
  }

  replay(deadLetterId: string): Promise<void> {
    return run(() => {
      if (!/^[1-9][0-9]{0,15}$/.test(deadLetterId) || !this.engine.replay(deadLetterId)) {
        throw new BusDeadLetterNotFoundError(deadLetterId);
      }
    });
  }

  /** Stops every consumer of this instance, draining their batches in flight. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private declare(queue: string): void {
    assertName(queue, 'queue');
    this.database.db
      .prepare('INSERT OR IGNORE INTO connector_bus_queues (name, declared_at) VALUES (?, ?)')
      .run(queue, Date.now());
  }

  private remove(queue: string): void {
    this.database.db.prepare('DELETE FROM connector_bus_queues WHERE name = ?').run(queue);
    this.engine.deleteQueue(queue);
  }

  private assertDeclared(queue: string): void {
    const found = this.database.db
      .prepare('SELECT 1 FROM connector_bus_queues WHERE name = ?')
      .get(queue);
    if (found === undefined) {
      throw new BusQueueNotFoundError(queue);
    }
  }

  private async runBatch(
    handler: BusHandler,
    messages: DurableMessage[],
  ): Promise<DurableSettlement[]> {
    const deliveries = messages.map(toDelivery);
    let nacks: ReadonlyMap<string, BusNack>;
    try {
      nacks = (await handler(deliveries)) ?? new Map<string, BusNack>();
    } catch (error) {
      const nack: BusNack =
        error instanceof AppError && error.retryable
          ? { requeue: true }
          : { requeue: false, error };
      return messages.map((message) => this.nacked(message, nack, this.settings.requeueDelayMs));
    }
    return messages.map((message, index) => {
      const nack = nacks.get(deliveries[index]?.deliveryTag ?? '');
      return nack ? this.nacked(message, nack) : { ref: message, action: 'ack' };
    });
  }

  private nacked(ref: DurableMessageRef, nack: BusNack, delayMs = 0): DurableSettlement {
    if (nack.requeue) {
      return { ref, action: 'retry', delayMs: nack.delayMs ?? delayMs };
    }
    const reason = nack.error === undefined ? REJECTED : reasonOf(nack.error);
    return { ref, action: 'dead', reason };
  }
}

function assertName(name: string, what: string): void {
  const bytes = typeof name === 'string' ? Buffer.byteLength(name) : 0;
  // The push/listen prefixes add at most 13 bytes to a connector id.
  const max = what === 'connectorId' ? MAX_QUEUE_NAME_BYTES - 13 : MAX_QUEUE_NAME_BYTES;
  if (bytes === 0 || bytes > max) {
    throw new InvalidBusRequestError(`A ${what} must be 1 to ${max} bytes long`, { [what]: name });
  }
}

function assertMessage(message: BusMessageDraft): void {
  const headers = Object.entries(message.headers ?? {});
  if (typeof message.body !== 'string' || headers.some(([, value]) => typeof value !== 'string')) {
    throw new InvalidBusRequestError('A message body and its header values must be strings', {
      headers: headers.map(([key]) => key),
    });
  }
}

function assertPositive(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidBusRequestError(`${name} must be a positive integer`, { [name]: value });
    }
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw sqliteFailure(error, 'BUS_STORAGE_FAILED', 'The connector bus storage failed');
  }
}

/** Runs synchronous storage work as a promise, with driver errors translated at the edge. */
function run<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(guard(fn)));
}

function reportConsumerError(error: unknown): void {
  const failure = sqliteFailure(error, 'BUS_STORAGE_FAILED', 'A bus consumer loop failed');
  process.emitWarning(failure, { code: failure.code });
}
