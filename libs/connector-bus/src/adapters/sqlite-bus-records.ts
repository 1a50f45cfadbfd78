import { failureReason } from '@lib/sqlite';
import type { DurableDeadLetter, DurableMessage, DurableMessageRef } from '@lib/sqlite';
import type { BusDeadLetter, BusDelivery, DeadLetterReason } from '../connector-bus.types';
import { InvalidBusRequestError } from '../errors/connector-bus.error';

// Conversions between the durable queue engine's records and the bus's domain types.

/** The dead-letter reason of a nack: a `{code, message}` as given, else from the error. */
export function reasonOf(error: unknown): DeadLetterReason {
  if (typeof error === 'object' && error !== null && !(error instanceof Error)) {
    const { code, message } = error as Partial<DeadLetterReason>;
    if (typeof code === 'string' && typeof message === 'string') {
      return { code, message };
    }
  }
  return failureReason(error);
}

export function toDelivery(message: DurableMessage): BusDelivery {
  return {
    deliveryTag: `${message.id}:${message.leaseToken}`,
    messageId: message.id,
    queue: message.queue,
    body: message.body,
    headers: message.headers,
    redelivered: message.attempts > 1,
    deliveryCount: message.attempts,
    publishedAt: new Date(message.enqueuedAt).toISOString(),
  };
}

export function toDeadLetter(dead: DurableDeadLetter): BusDeadLetter {
  return {
    id: dead.id,
    queue: dead.queue,
    body: dead.body,
    headers: dead.headers,
    deliveries: dead.attempts,
    reason: dead.reason,
    publishedAt: new Date(dead.enqueuedAt).toISOString(),
    failedAt: new Date(dead.deadAt).toISOString(),
  };
}

/** Reads a delivery tag (`<message id>:<lease token>`) back. */
export function parseTag(tag: string): DurableMessageRef {
  const match = /^([1-9][0-9]{0,15}):(.+)$/.exec(tag);
  if (!match?.[1] || !match[2]) {
    throw new InvalidBusRequestError(`Invalid delivery tag ${JSON.stringify(tag)}`, { tag });
  }
  return { id: match[1], leaseToken: match[2] };
}
