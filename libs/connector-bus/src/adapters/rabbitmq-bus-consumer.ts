import type { Channel, ConsumeMessage } from 'amqplib';
import { AppError } from '@lib/kernel';
import type { BusDelivery, BusHandler, BusNack } from '../connector-bus.types';
import type { HeldDeliveries } from './rabbitmq-held-deliveries';
import { reasonOf } from './rabbitmq-messages';

export type RabbitMqConsumerSettings = {
  queue: string;
  /** Most deliveries per handler call. */
  prefetch: number;
  /** The broker sends the next batch while this one is handled (an AMQP window of two batches). */
  readAhead: boolean;
  leaseMs: number;
  requeueDelayMs: number;
  /** Pause before subscribing again after the channel or the connection was lost. */
  resubscribeDelayMs: number;
  onError(error: unknown): void;
};

/** Opens a new channel (reconnecting when the connection was lost). */
export type OpenChannel = () => Promise<{ channel: Channel; channelNo: number }>;

// A partial batch waits for more deliveries while they keep coming (a pause of LINGER_MS ends
// the wait), never longer than LINGER_MAX_MS from its first delivery. After a full batch the
// queue likely holds more: the broker refills the window as the batch is acked, in a burst that a
// loaded broker may interrupt for longer than LINGER_MS, so the wait then ends only when the
// batch is full or at LINGER_MAX_MS.
const LINGER_MS = 5;
const LINGER_MAX_MS = 100;

/**
 * One consumer slot on its own channel: the broker pushes up to `prefetch` unacked messages,
 * which go to the handler as one batch; each is then acked, requeued or dead-lettered. When the
 * channel or the connection is lost (a broker restart), it subscribes again on a new channel; the
 * broker has put the unacked messages back meanwhile.
 */
export class RabbitMqBusConsumer {
  private channel: Channel | undefined;
  private channelNo = 0;
  private consumerTag: string | undefined;
  private buffer: BusDelivery[] = [];
  private running: Promise<void> | undefined;
  private linger: NodeJS.Timeout | undefined;
  private lingerSince = 0;
  /** The last batch handed over was full (or none was yet): more deliveries are likely on the way. */
  private draining = true;
  private stopping = false;

  constructor(
    private readonly open: OpenChannel,
    private readonly handler: BusHandler,
    private readonly held: HeldDeliveries,
    private readonly settings: RabbitMqConsumerSettings,
  ) {}

  async start(): Promise<void> {
    const { channel, channelNo } = await this.open();
    if (this.stopping) {
      await channel.close();
      return;
    }
    this.channel = channel;
    this.channelNo = channelNo;
    channel.once('close', () => this.lost(channel));
    await channel.prefetch(this.settings.prefetch * (this.settings.readAhead ? 2 : 1));
    const reply = await channel.consume(this.settings.queue, (message) =>
      this.receive(channel, message),
    );
    this.consumerTag = reply.consumerTag;
  }

  /** Cancels the subscription, settles the batch in flight, returns the rest, closes. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.linger);
    const channel = this.channel;
    this.channel = undefined;
    if (channel && this.consumerTag !== undefined) {
      await channel.cancel(this.consumerTag).catch((error: unknown) => {
        this.settings.onError(error);
      });
    }
    await this.running;
    this.buffer.forEach((delivery) => this.held.requeue(delivery.deliveryTag));
    this.buffer = [];
    if (channel) {
      await channel.close().catch((error: unknown) => this.settings.onError(error));
      this.held.forgetChannel(channel);
    }
  }

  private receive(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the subscription (the queue was deleted).
      this.stopping = true;
      return;
    }
    const { queue, leaseMs } = this.settings;
    this.buffer.push(this.held.track(channel, this.channelNo, queue, message, leaseMs));
    this.schedule();
  }

  /** The channel closed without stop(): its deliveries are back in the queue; subscribe again. */
  private lost(channel: Channel): void {
    if (this.stopping || channel !== this.channel) {
      return;
    }
    this.channel = undefined;
    this.consumerTag = undefined;
    this.buffer = [];
    this.held.forgetChannel(channel);
    void this.resubscribe();
  }

  private async resubscribe(): Promise<void> {
    while (!this.stopping && !this.channel) {
      await new Promise((resolve) => setTimeout(resolve, this.settings.resubscribeDelayMs));
      if (this.stopping) {
        return;
      }
      try {
        await this.start();
      } catch (error) {
        this.settings.onError(error);
        this.channel = undefined;
      }
    }
  }

  private schedule(): void {
    if (this.running || this.buffer.length === 0 || this.stopping) {
      return;
    }
    clearTimeout(this.linger);
    this.linger = undefined;
    const now = Date.now();
    if (this.buffer.length >= this.settings.prefetch) {
      this.running = this.runBatch();
      return;
    }
    if (this.lingerSince === 0) {
      this.lingerSince = now;
    }
    const untilMax = this.lingerSince + LINGER_MAX_MS - now;
    const wait = this.draining ? untilMax : Math.min(LINGER_MS, untilMax);
    if (wait <= 0) {
      this.running = this.runBatch();
      return;
    }
    this.linger = setTimeout(() => {
      this.linger = undefined;
      if (!this.running && this.buffer.length > 0 && !this.stopping) {
        this.running = this.runBatch();
      }
    }, wait);
  }

  private async runBatch(): Promise<void> {
    this.lingerSince = 0;
    const batch = this.buffer.splice(0, this.settings.prefetch);
    this.draining = batch.length === this.settings.prefetch;
    try {
      await this.handle(batch);
    } catch (error) {
      this.settings.onError(error);
    } finally {
      this.running = undefined;
      this.schedule();
    }
  }

  private async handle(batch: BusDelivery[]): Promise<void> {
    let nacks: ReadonlyMap<string, BusNack>;
    try {
      nacks = (await this.handler(batch)) ?? new Map<string, BusNack>();
    } catch (error) {
      if (error instanceof AppError && error.retryable) {
        await new Promise((resolve) => setTimeout(resolve, this.settings.requeueDelayMs));
        batch.forEach((delivery) => this.held.requeue(delivery.deliveryTag));
        return;
      }
      const reason = reasonOf(error);
      await Promise.all(batch.map((delivery) => this.held.bury(delivery.deliveryTag, reason)));
      return;
    }
    await Promise.all(
      batch.map(async (delivery) => {
        const nack = nacks.get(delivery.deliveryTag);
        if (!nack) {
          this.held.ack(delivery.deliveryTag);
        } else if (nack.requeue) {
          this.held.retry(delivery.deliveryTag, nack.delayMs ?? 0);
        } else {
          await this.held.bury(delivery.deliveryTag, reasonOf(nack.error));
        }
      }),
    );
  }
}
