import { connect } from 'amqplib';
import type { Channel, ChannelModel, ConfirmChannel } from 'amqplib';
import { AppError } from '@lib/kernel';
import { BusQueueNotFoundError } from '../errors/connector-bus.error';

/**
 * The connection of a RabbitMQ bus and its channels: opened on first use, opened again after
 * the connection was lost. Checks that may fail (a missing queue closes its channel) run on
 * short-lived channels, never on the shared publishing and fetching ones.
 */
export class RabbitMqChannels {
  private model: Promise<ChannelModel> | undefined;
  private confirm: Promise<ConfirmChannel> | undefined;
  private fetching: Promise<{ channel: Channel; channelNo: number }> | undefined;
  private channelSeq = 0;

  constructor(
    private readonly url: string,
    private readonly onError: (error: unknown) => void,
    private readonly onChannelClosed: (channel: Channel) => void,
  ) {}

  /** Closes the connection (its channels with it). */
  async close(): Promise<void> {
    const model = this.model;
    this.model = undefined;
    this.confirm = undefined;
    this.fetching = undefined;
    if (model) {
      await (await model).close();
    }
  }

  private connection(): Promise<ChannelModel> {
    if (!this.model) {
      const model = connect(this.url);
      this.model = model;
      model
        .then((opened) => {
          opened.on('error', (error: unknown) => this.onError(error));
          opened.on('close', () => {
            if (this.model === model) {
              this.model = undefined;
              this.confirm = undefined;
              this.fetching = undefined;
            }
          });
        })
        .catch(() => {
          if (this.model === model) {
            this.model = undefined;
          }
        });
    }
    return this.model;
  }

  /** A new channel, numbered (the number tells delivery tags of two channels apart). */
  async open(): Promise<{ channel: Channel; channelNo: number }> {
    const channel = await (await this.connection()).createChannel();
    this.channelSeq += 1;
    channel.on('error', () => undefined);
    channel.on('close', () => this.onChannelClosed(channel));
    return { channel, channelNo: this.channelSeq };
  }

  /** The shared confirm channel publishes go through. */
  publisher(): Promise<ConfirmChannel> {
    if (!this.confirm) {
      const opening = this.connection().then((model) => model.createConfirmChannel());
      this.confirm = opening;
      opening
        .then((channel) => {
          channel.on('error', (error: unknown) => this.onError(error));
          channel.on('close', () => {
            if (this.confirm === opening) {
              this.confirm = undefined;
            }
          });
        })
        .catch(() => (this.confirm = undefined));
    }
    return this.confirm;
  }

  /** The shared channel of HTTP-mode fetches (their deliveries stay unacked on it). */
  fetcher(): Promise<{ channel: Channel; channelNo: number }> {
    if (!this.fetching) {
      const opening = this.open();
      this.fetching = opening;
      opening
        .then(({ channel }) =>
          channel.on('close', () => {
            if (this.fetching === opening) {
              this.fetching = undefined;
            }
          }),
        )
        .catch(() => (this.fetching = undefined));
    }
    return this.fetching;
  }

  /** Runs `fn` on a short-lived channel (a failed check closes its channel, never a shared one). */
  async withChannel<T>(what: string, fn: (channel: Channel) => Promise<T>): Promise<T> {
    return await this.guard(what, async () => {
      const { channel } = await this.open();
      let closed = false;
      channel.once('close', () => (closed = true));
      try {
        return await fn(channel);
      } finally {
        if (!closed) {
          await channel.close().catch(() => undefined);
        }
      }
    });
  }

  async guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError) {
        throw error;
      }
      throw new AppError({
        code: 'BUS_UNAVAILABLE',
        category: 'unavailable',
        message: `${what} failed: RabbitMQ did not answer (${String(error)})`,
        cause: error,
      });
    }
  }
}

/** The ready count of a queue; BUS_QUEUE_NOT_FOUND when the broker does not know it. */
export async function checkQueue(channel: Channel, queue: string): Promise<number> {
  try {
    return (await channel.checkQueue(queue)).messageCount;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) {
      throw new BusQueueNotFoundError(queue);
    }
    throw error;
  }
}
