import { createHash, randomUUID } from 'node:crypto';
import type { Message, Options } from 'amqplib';
import { AppError } from '@lib/kernel';
import type { BusDeadLetter, BusDelivery, DeadLetterReason } from '../connector-bus.types';
import { BusDeadLetterNotFoundError, InvalidBusRequestError } from '../errors/connector-bus.error';

// How the bus's messages, delivery tags and dead letters map onto AMQP messages. The bus's own
// bookkeeping travels in `x-threatloom-*` headers, hidden from consumers.

const OWN = 'x-threatloom-';
const PUBLISHED_AT = `${OWN}published-at`;
const DEAD_CODE = `${OWN}dead-code`;
const DEAD_MESSAGE = `${OWN}dead-message`;
const DEAD_DELIVERIES = `${OWN}dead-deliveries`;
const DEAD_AT = `${OWN}dead-at`;
// Set by quorum queues on a redelivery: how many deliveries came before.
const DELIVERY_COUNT = 'x-delivery-count';
// Set on the copy a consumer's requeue publishes: how many deliveries came before (classic queues
// count none).
const DELIVERIES = `${OWN}deliveries`;
const ORIGINAL_ID = `${OWN}message-id`;
const TAG = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([0-9]+)\.([0-9]+)$/;

/** The dead-letter queue kept beside a queue (declared and deleted with it). */
export function deadLetterQueueOf(queue: string): string {
  return `${queue}.dead-letters`;
}

/** AMQP publish options of a new message: persistent, with a message id and its time. */
export function publishOptions(headers: Record<string, string> = {}): Options.Publish {
  const now = Date.now();
  return {
    persistent: true,
    contentType: 'application/json',
    contentEncoding: 'utf-8',
    messageId: randomUUID(),
    timestamp: Math.floor(now / 1000),
    headers: { ...headers, [PUBLISHED_AT]: String(now) },
  };
}

/** The delivery tag of a message held by `owner` (this adapter instance) on channel `channel`. */
export function deliveryTagOf(owner: string, channel: number, message: Message): string {
  return `${owner}.${channel}.${message.fields.deliveryTag}`;
}

/** Checks a delivery tag's form; throws BUS_INVALID_REQUEST (validation) otherwise. */
export function assertDeliveryTag(tag: string): void {
  if (typeof tag !== 'string' || !TAG.test(tag)) {
    throw new InvalidBusRequestError(`Invalid delivery tag ${JSON.stringify(tag)}`, { tag });
  }
}

export function toDelivery(queue: string, tag: string, message: Message): BusDelivery {
  const raw = message.properties.headers ?? {};
  const previous = Math.max(Number(raw[DELIVERY_COUNT] ?? 0), Number(raw[DELIVERIES] ?? 0));
  // Classic queues only say whether a message was delivered before, not how often.
  const deliveryCount = previous > 0 ? previous + 1 : message.fields.redelivered ? 2 : 1;
  return {
    deliveryTag: tag,
    messageId: messageIdOf(message),
    queue,
    body: message.content.toString('utf8'),
    headers: userHeaders(raw),
    redelivered: message.fields.redelivered || previous > 0,
    deliveryCount,
    publishedAt: publishedAtOf(message),
  };
}

/** The copy of a delivery that goes to the dead-letter queue, with the reason. */
export function deadLetterMessage(
  delivery: BusDelivery,
  message: Message,
  reason: DeadLetterReason,
): { content: Buffer; options: Options.Publish } {
  return {
    content: message.content,
    options: {
      persistent: true,
      contentType: message.properties.contentType as string | undefined,
      contentEncoding: message.properties.contentEncoding as string | undefined,
      messageId: randomUUID(),
      timestamp: message.properties.timestamp as number | undefined,
      headers: {
        ...delivery.headers,
        [PUBLISHED_AT]: String(Date.parse(delivery.publishedAt)),
        [DEAD_CODE]: reason.code,
        [DEAD_MESSAGE]: reason.message,
        [DEAD_DELIVERIES]: String(delivery.deliveryCount),
        [DEAD_AT]: String(Date.now()),
        // The original message id, kept for the replayed copy.
        [ORIGINAL_ID]: delivery.messageId,
      },
    },
  };
}

/**
 * The copy of a delivery a consumer puts back on its queue: the same message, its deliveries so
 * far counted in a header (classic queues count no redelivery).
 */
export function requeuedMessage(
  delivery: BusDelivery,
  message: Message,
): { content: Buffer; options: Options.Publish } {
  return {
    content: message.content,
    options: {
      persistent: true,
      contentType: message.properties.contentType as string | undefined,
      contentEncoding: message.properties.contentEncoding as string | undefined,
      messageId: delivery.messageId,
      timestamp: message.properties.timestamp as number | undefined,
      headers: {
        ...delivery.headers,
        [PUBLISHED_AT]: String(Date.parse(delivery.publishedAt)),
        [DELIVERIES]: String(delivery.deliveryCount),
      },
    },
  };
}

/** A dead letter's id names its queue: `<message id>@<queue>`. */
export function toDeadLetter(queue: string, message: Message): BusDeadLetter {
  const raw = message.properties.headers ?? {};
  return {
    id: `${String(message.properties.messageId)}@${queue}`,
    queue,
    body: message.content.toString('utf8'),
    headers: userHeaders(raw),
    deliveries: Number(raw[DEAD_DELIVERIES] ?? 1),
    reason: { code: String(raw[DEAD_CODE] ?? ''), message: String(raw[DEAD_MESSAGE] ?? '') },
    publishedAt: publishedAtOf(message),
    failedAt: new Date(Number(raw[DEAD_AT] ?? 0)).toISOString(),
  };
}

export function parseDeadLetterId(id: string): { messageId: string; queue: string } {
  const at = typeof id === 'string' ? id.indexOf('@') : -1;
  if (at <= 0 || at === id.length - 1) {
    throw new BusDeadLetterNotFoundError(id);
  }
  return { messageId: id.slice(0, at), queue: id.slice(at + 1) };
}

/** Publish options of a replayed dead letter: the original message, as it was published. */
export function replayOptions(message: Message): Options.Publish {
  const raw = message.properties.headers ?? {};
  return {
    persistent: true,
    contentType: message.properties.contentType as string | undefined,
    contentEncoding: message.properties.contentEncoding as string | undefined,
    messageId: String(raw[ORIGINAL_ID] ?? message.properties.messageId),
    timestamp: message.properties.timestamp as number | undefined,
    headers: { ...userHeaders(raw), [PUBLISHED_AT]: String(raw[PUBLISHED_AT] ?? Date.now()) },
  };
}

/** The dead-letter reason of a nack: a `{code, message}` as given, else from the error. */
export function reasonOf(error: unknown): DeadLetterReason {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    return { code: 'BUS_HANDLER_FAILED', message: error.message };
  }
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as Partial<DeadLetterReason>;
    if (typeof code === 'string' && typeof message === 'string') {
      return { code, message };
    }
  }
  return { code: 'BUS_REJECTED', message: 'Rejected by the consumer' };
}

function userHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith(OWN) && key !== DELIVERY_COUNT && key !== 'x-death') {
      headers[key] = typeof value === 'string' ? value : String(value);
    }
  }
  return headers;
}

// pycti publishes without a message id: the content's hash is stable across redeliveries.
function messageIdOf(message: Message): string {
  const id = message.properties.messageId as string | undefined;
  return id ?? `sha256:${createHash('sha256').update(message.content).digest('hex')}`;
}

// pycti sets neither our header nor a timestamp: the time of delivery is the best known.
function publishedAtOf(message: Message): string {
  const raw = message.properties.headers?.[PUBLISHED_AT] as string | number | undefined;
  const seconds = message.properties.timestamp as number | undefined;
  if (raw !== undefined) {
    return new Date(Number(raw)).toISOString();
  }
  return new Date(seconds === undefined ? Date.now() : seconds * 1000).toISOString();
}
