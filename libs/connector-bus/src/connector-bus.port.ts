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
} from './connector-bus.types';

/**
 * Connector queues in OpenCTI's layout (connector-protocol.md §2): each connector has a push
 * queue (bundles to ingest, consumed by workers in batches) and a listen queue (jobs for the
 * connector, consumed by it, or fetched over HTTP in the HTTP queue mode). Delivery is
 * at-least-once: a message stays until acked; nacked ones are requeued or dead-lettered with a
 * reason. Every operation on a queue that was never declared (or was deleted) throws
 * `BUS_QUEUE_NOT_FOUND` (not_found).
 */
export abstract class ConnectorBus {
  /** Declares (idempotently) the connector's push and listen queues and returns their names. */
  abstract declareConnector(connectorId: string): Promise<ConnectorQueues>;

  /** Deletes the connector's queues with their messages and dead letters. Idempotent. */
  abstract deleteConnector(connectorId: string): Promise<void>;

  /** Declares (idempotently) a platform queue, e.g. an internal or dead-letter queue. */
  abstract declareQueue(queue: string): Promise<void>;

  /** Deletes a queue with its messages and dead letters. Idempotent. */
  abstract deleteQueue(queue: string): Promise<void>;

  /** Publishes messages durably to `queue`, atomically (all or none), in order. */
  abstract publish(queue: string, messages: readonly BusMessageDraft[]): Promise<void>;

  /** Delivers `queue` to `handler` in batches (worker side) until the consumer is stopped. */
  abstract consume(
    queue: string,
    handler: BusHandler,
    options: BusConsumeOptions,
  ): Promise<BusConsumer>;

  /**
   * HTTP queue mode: takes up to `max` ready messages of `queue` (possibly none). They must be
   * acked or nacked by delivery tag before the visibility timeout, or they come back.
   */
  abstract fetch(queue: string, options: BusFetchOptions): Promise<BusDelivery[]>;

  /** Removes delivered messages. Tags whose delivery expired are ignored (redelivered instead). */
  abstract ack(deliveryTags: readonly string[]): Promise<void>;

  /**
   * Returns delivered messages to their queue (`requeue`) or sends them to dead letter with
   * `reason`. Tags whose delivery expired are ignored.
   */
  abstract nack(
    deliveryTags: readonly string[],
    options: { requeue: boolean; reason?: DeadLetterReason },
  ): Promise<void>;

  /** Message counts of `queue`. */
  abstract depth(queue: string): Promise<QueueDepth>;

  /** Removes the ready messages of `queue` (delivered ones stay); returns how many. */
  abstract purge(queue: string): Promise<number>;

  /** Dead letters of `queue`, oldest first (at most `limit`, default 100). */
  abstract listDeadLetters(queue: string, options?: { limit?: number }): Promise<BusDeadLetter[]>;

  /** Puts a dead letter back on its queue; `BUS_DEAD_LETTER_NOT_FOUND` when there is none. */
  abstract replay(deadLetterId: string): Promise<void>;
}
