import type { Channel, Message } from 'amqplib';
import type { BusDelivery, DeadLetterReason } from '../connector-bus.types';
import { deliveryTagOf, requeuedMessage, toDelivery } from './rabbitmq-messages';

type Held = { channel: Channel; message: Message; delivery: BusDelivery; timer: NodeJS.Timeout };

/** Sends a held message's copy to its dead-letter queue (then the original is acked). */
export type Bury = (
  delivery: BusDelivery,
  message: Message,
  reason: DeadLetterReason,
) => Promise<void>;

/**
 * The deliveries this adapter instance holds unacked, by delivery tag, across its consumer and
 * fetch channels. Each has a deadline (lease or visibility timeout) after which it goes back to
 * its queue and its tag is forgotten, so that a late ack or nack is ignored.
 */
export class HeldDeliveries {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly owner: string,
    private readonly buryCopy: Bury,
  ) {}

  track(
    channel: Channel,
    channelNo: number,
    queue: string,
    message: Message,
    timeoutMs: number,
  ): BusDelivery {
    const tag = deliveryTagOf(this.owner, channelNo, message);
    const delivery = toDelivery(queue, tag, message);
    const timer = setTimeout(() => this.requeue(tag), timeoutMs);
    timer.unref();
    this.held.set(tag, { channel, message, delivery, timer });
    return delivery;
  }

  /** Deliveries of `queue` held here (AMQP reports no queue-wide unacked count). */
  count(queue: string): number {
    let count = 0;
    this.held.forEach((held) => (count += held.delivery.queue === queue ? 1 : 0));
    return count;
  }

  /** Acks a held delivery; returns its channel (undefined when the tag is not held). */
  ack(tag: string): Channel | undefined {
    const held = this.take(tag);
    held?.channel.ack(held.message);
    return held?.channel;
  }

  /**
   * Puts a held delivery back on its queue as a counted copy, after `delayMs` (it stays held,
   * unacked, meanwhile): the next delivery knows how many came before, on classic queues too.
   */
  retry(tag: string, delayMs: number): void {
    const held = this.held.get(tag);
    if (!held) return;
    clearTimeout(held.timer);
    held.timer = setTimeout(() => {
      const taken = this.take(tag);
      if (!taken) return;
      try {
        const copy = requeuedMessage(taken.delivery, taken.message);
        taken.channel.sendToQueue(taken.delivery.queue, copy.content, copy.options);
        taken.channel.ack(taken.message);
      } catch {
        // The channel is closed: the broker puts the message back by itself.
      }
    }, delayMs);
    held.timer.unref();
  }

  requeue(tag: string): Channel | undefined {
    const held = this.take(tag);
    held?.channel.nack(held.message, false, true);
    return held?.channel;
  }

  async bury(tag: string, reason: DeadLetterReason): Promise<Channel | undefined> {
    const held = this.take(tag);
    if (!held) {
      return undefined;
    }
    try {
      await this.buryCopy(held.delivery, held.message, reason);
    } catch (error) {
      held.channel.nack(held.message, false, true);
      throw error;
    }
    held.channel.ack(held.message);
    return held.channel;
  }

  /** Forgets the deliveries of a closed channel: the broker has put them back already. */
  forgetChannel(channel: Channel): void {
    for (const [tag, held] of this.held) {
      if (held.channel === channel) {
        clearTimeout(held.timer);
        this.held.delete(tag);
      }
    }
  }

  private take(tag: string): Held | undefined {
    const held = this.held.get(tag);
    if (held) {
      clearTimeout(held.timer);
      this.held.delete(tag);
    }
    return held;
  }
}
