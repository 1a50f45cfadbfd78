import { randomUUID } from 'node:crypto';
import type { Channel, GetMessage, Message } from 'amqplib';
import type { OnModuleDestroy } from '@nestjs/common';
import type { RabbitMqConfig } from '@lib/config';
import { ConnectorBus } from '../connector-bus.port';
import type {
  BusConsumeOptions,
  BusConsumer,
  BusDeadLetter,
  BusDelivery,
  BusFetchOptions,
  BusHandler,
  BusMessageDraft,
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
import { RabbitMqBusConsumer } from './rabbitmq-bus-consumer';
import { RabbitMqChannels, checkQueue } from './rabbitmq-channels';
import { HeldDeliveries } from './rabbitmq-held-deliveries';
import {
  assertDeliveryTag,
  deadLetterMessage,
  deadLetterQueueOf,
  parseDeadLetterId,
  publishOptions,
  replayOptions,
  toDeadLetter,
} from './rabbitmq-messages';

export type RabbitMqConnectorBusOptions = {
  /** Default lease of a consumed batch (default 5 min). */
  leaseMs?: number;
  /** Default visibility timeout of fetched messages (default 60 s). */
  visibilityTimeoutMs?: number;
  /** Delay before a batch whose handler failed as `unavailable` is requeued (default 1 s). */
  requeueDelayMs?: number;
  /** Pause before a consumer subscribes again after losing its connection (default 2 s). */
  resubscribeDelayMs?: number;
  /** Records failures of consumers (default: a process warning). */
  onError?: (error: unknown) => void;
};

const MAX_QUEUE_NAME_BYTES = 255;
// The dead-letter suffix and the push/listen prefixes must fit in AMQP's 255-byte names.
const MAX_NAME_BYTES = MAX_QUEUE_NAME_BYTES - '.dead-letters'.length - 'listen_'.length;

/**
 * Connector queues on RabbitMQ in OpenCTI's layout (connector-protocol.md §2.1): the worker and
 * connector exchanges (direct, durable), `push_<id>`/`listen_<id>` queues bound with their
 * routing keys, persistent messages published with publisher confirms, manual acks, a prefetch
 * per consumer slot. Each queue has a `<queue>.dead-letters` queue beside it holding rejected
 * messages with their reason. Where AMQP falls short of the port: unacked counts are those of
 * this process (AMQP has no queue-wide figure; the management API's lags), delivery tags are
 * valid on the instance that issued them, and a publish of several messages is confirmed as a
 * whole but not transactional (AMQP forbids transactions on a confirm channel): if the broker
 * fails midway, the first messages may be stored; the caller's retry then duplicates them, which
 * the idempotent ingestion absorbs.
 */
export class RabbitMqConnectorBus extends ConnectorBus implements OnModuleDestroy {
  private readonly channels: RabbitMqChannels;
  private readonly owner = randomUUID();
  private readonly held: HeldDeliveries;
  private readonly consumers = new Set<RabbitMqBusConsumer>();
  private readonly settings: Required<RabbitMqConnectorBusOptions>;

  constructor(
    private readonly config: RabbitMqConfig,
    options: RabbitMqConnectorBusOptions = {},
  ) {
    super();
    this.settings = {
      leaseMs: options.leaseMs ?? 300_000,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 60_000,
      requeueDelayMs: options.requeueDelayMs ?? 1000,
      resubscribeDelayMs: options.resubscribeDelayMs ?? 2000,
      onError: options.onError ?? reportError,
    };
    this.held = new HeldDeliveries(this.owner, (delivery, message, reason) =>
      this.publishDeadLetter(delivery, message, reason),
    );
    this.channels = new RabbitMqChannels(config.url, this.settings.onError, (channel) =>
      this.held.forgetChannel(channel),
    );
  }

  async declareConnector(connectorId: string): Promise<ConnectorQueues> {
    assertName(connectorId, 'connectorId');
    const queues = connectorQueues(connectorId, this.config.prefix);
    await this.channels.withChannel('Declaring connector queues', async (channel) => {
      for (const exchange of [queues.pushExchange, queues.listenExchange]) {
        await channel.assertExchange(exchange, 'direct', { durable: true });
      }
      await this.assertQueues(channel, queues.push);
      await channel.bindQueue(queues.push, queues.pushExchange, queues.pushRouting);
      await this.assertQueues(channel, queues.listen);
      await channel.bindQueue(queues.listen, queues.listenExchange, queues.listenRouting);
    });
    return queues;
  }

  async deleteConnector(connectorId: string): Promise<void> {
    const { push, listen } = connectorQueues(connectorId, this.config.prefix);
    await this.deleteQueue(push);
    await this.deleteQueue(listen);
  }

  async declareQueue(queue: string): Promise<void> {
    assertName(queue, 'queue');
    await this.channels.withChannel('Declaring a queue', (channel) =>
      this.assertQueues(channel, queue),
    );
  }

  async deleteQueue(queue: string): Promise<void> {
    await this.channels.withChannel('Deleting a queue', async (channel) => {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(deadLetterQueueOf(queue));
    });
  }

  async publish(queue: string, messages: readonly BusMessageDraft[]): Promise<void> {
    messages.forEach(assertMessage);
    await this.assertDeclared(queue);
    await this.channels.guard('Publishing', async () => {
      const channel = await this.channels.publisher();
      for (const message of messages) {
        channel.sendToQueue(queue, Buffer.from(message.body), publishOptions(message.headers));
      }
      await channel.waitForConfirms();
    });
  }

  async consume(
    queue: string,
    handler: BusHandler,
    options: BusConsumeOptions,
  ): Promise<BusConsumer> {
    const concurrency = options.concurrency ?? 1;
    const leaseMs = options.leaseMs ?? this.settings.leaseMs;
    assertPositive({ prefetch: options.prefetch, concurrency, leaseMs });
    await this.assertDeclared(queue);
    const slots = await this.channels.guard('Starting a consumer', async () => {
      const started: RabbitMqBusConsumer[] = [];
      for (let i = 0; i < concurrency; i += 1) {
        const slot = new RabbitMqBusConsumer(() => this.channels.open(), handler, this.held, {
          ...this.settings,
          queue,
          prefetch: options.prefetch,
          readAhead: options.readAhead ?? false,
          leaseMs,
        });
        await slot.start();
        this.consumers.add(slot);
        started.push(slot);
      }
      return started;
    });
    return {
      stop: async () => {
        await Promise.all(slots.map((slot) => slot.stop()));
        slots.forEach((slot) => this.consumers.delete(slot));
      },
    };
  }

  async fetch(queue: string, options: BusFetchOptions): Promise<BusDelivery[]> {
    const visibilityTimeoutMs = options.visibilityTimeoutMs ?? this.settings.visibilityTimeoutMs;
    assertPositive({ max: options.max, visibilityTimeoutMs });
    await this.assertDeclared(queue);
    return await this.channels.guard('Fetching messages', async () => {
      const { channel, channelNo } = await this.channels.fetcher();
      const deliveries: BusDelivery[] = [];
      while (deliveries.length < options.max) {
        const message = await channel.get(queue, { noAck: false });
        if (message === false) {
          break;
        }
        deliveries.push(this.held.track(channel, channelNo, queue, message, visibilityTimeoutMs));
      }
      return deliveries;
    });
  }

  async ack(deliveryTags: readonly string[]): Promise<void> {
    deliveryTags.forEach(assertDeliveryTag);
    await this.settled(deliveryTags.map((tag) => this.held.ack(tag)));
  }

  async nack(
    deliveryTags: readonly string[],
    options: { requeue: boolean; reason?: DeadLetterReason },
  ): Promise<void> {
    deliveryTags.forEach(assertDeliveryTag);
    if (options.requeue) {
      await this.settled(deliveryTags.map((tag) => this.held.requeue(tag)));
      return;
    }
    const reason = options.reason ?? {
      code: 'BUS_REJECTED',
      message: 'Rejected by the consumer',
    };
    await this.settled(await Promise.all(deliveryTags.map((tag) => this.held.bury(tag, reason))));
  }

  async depth(queue: string): Promise<QueueDepth> {
    return await this.channels.withChannel('Counting messages', async (channel) => {
      const ready = await checkQueue(channel, queue);
      const dead = await checkQueue(channel, deadLetterQueueOf(queue));
      return { ready, unacked: this.held.count(queue), dead };
    });
  }

  async purge(queue: string): Promise<number> {
    return await this.channels.withChannel('Purging a queue', async (channel) => {
      await checkQueue(channel, queue);
      return (await channel.purgeQueue(queue)).messageCount;
    });
  }

  async listDeadLetters(queue: string, options: { limit?: number } = {}): Promise<BusDeadLetter[]> {
    const limit = options.limit ?? 100;
    const dlq = deadLetterQueueOf(queue);
    // Messages taken without ack go back, in order, when the channel closes.
    return await this.channels.withChannel('Listing dead letters', async (channel) => {
      await checkQueue(channel, queue);
      const letters: BusDeadLetter[] = [];
      while (letters.length < limit) {
        const message = await channel.get(dlq, { noAck: false });
        if (message === false) {
          break;
        }
        letters.push(toDeadLetter(queue, message));
      }
      return letters;
    });
  }

  async replay(deadLetterId: string): Promise<void> {
    const { messageId, queue } = parseDeadLetterId(deadLetterId);
    const dlq = deadLetterQueueOf(queue);
    const found = await this.channels.withChannel('Replaying a dead letter', async (channel) => {
      const total = await checkQueue(channel, dlq).catch((error: unknown) => {
        throw error instanceof BusQueueNotFoundError
          ? new BusDeadLetterNotFoundError(deadLetterId)
          : error;
      });
      for (let i = 0; i < total; i += 1) {
        const message: GetMessage | false = await channel.get(dlq, { noAck: false });
        if (message === false) {
          break;
        }
        if (message.properties.messageId === messageId) {
          await this.republish(queue, message);
          channel.ack(message);
          return true;
        }
      }
      return false;
    });
    if (!found) {
      throw new BusDeadLetterNotFoundError(deadLetterId);
    }
  }

  /** Stops the consumers (settling their batches), then closes the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.consumers.clear();
    await this.channels.close();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  // basic.ack/nack have no reply: one synchronous call on each channel that settled afterwards
  // makes the broker apply them before the caller goes on (e.g. reads the queue's depth).
  private async settled(channels: readonly (Channel | undefined)[]): Promise<void> {
    const distinct = new Set(channels.filter((channel) => channel !== undefined));
    await this.channels.guard('Settling deliveries', () =>
      Promise.all([...distinct].map((channel) => channel.checkExchange('amq.direct'))),
    );
  }

  private async assertQueues(channel: Channel, queue: string): Promise<void> {
    await channel.assertQueue(queue, {
      durable: true,
      arguments: { 'x-queue-type': this.config.queueType },
    });
    // Dead letters are only stored and browsed: a classic queue keeps their order on browse.
    await channel.assertQueue(deadLetterQueueOf(queue), {
      durable: true,
      arguments: { 'x-queue-type': 'classic' },
    });
  }

  private async assertDeclared(queue: string): Promise<void> {
    await this.channels.withChannel('Checking a queue', (channel) => checkQueue(channel, queue));
  }

  private async publishDeadLetter(
    delivery: BusDelivery,
    message: Message,
    reason: DeadLetterReason,
  ): Promise<void> {
    const copy = deadLetterMessage(delivery, message, reason);
    const channel = await this.channels.publisher();
    channel.sendToQueue(deadLetterQueueOf(delivery.queue), copy.content, copy.options);
    await channel.waitForConfirms();
  }

  private async republish(queue: string, message: Message): Promise<void> {
    const channel = await this.channels.publisher();
    channel.sendToQueue(queue, message.content, replayOptions(message));
    await channel.waitForConfirms();
  }
}

function assertName(name: string, what: string): void {
  const bytes = typeof name === 'string' ? Buffer.byteLength(name) : 0;
  if (bytes === 0 || bytes > MAX_NAME_BYTES) {
    throw new InvalidBusRequestError(`A ${what} must be 1 to ${MAX_NAME_BYTES} bytes long`, {
      [what]: name,
    });
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

function reportError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), {
    code: 'CONNECTOR_BUS',
  });
}
