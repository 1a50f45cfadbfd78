/**
 * The queues, exchanges and routing keys of one connector, as OpenCTI lays them out and as
 * `registerConnector` returns them to pycti (connector-protocol.md §2.1).
 */
export type ConnectorQueues = {
  connectorId: string;
  /** Queue of bundles the connector sends for ingestion (consumed by workers). */
  push: string;
  pushRouting: string;
  pushExchange: string;
  /** Queue of jobs for the connector (enrichment, import, export requests). */
  listen: string;
  listenRouting: string;
  listenExchange: string;
  deadLetterRouting: string;
};

/** A message to publish: the body is the JSON text pycti or the platform sends. */
export type BusMessageDraft = { body: string; headers?: Record<string, string> };

/** One delivery of a message, to be acked or nacked by its `deliveryTag`. */
export type BusDelivery = {
  /** Opaque; valid until acked, nacked, or its visibility timeout/lease ends. */
  deliveryTag: string;
  /** Stable across redeliveries. */
  messageId: string;
  queue: string;
  body: string;
  headers: Record<string, string>;
  /** True when this message was delivered before (requeued or its lease expired). */
  redelivered: boolean;
  /** Deliveries so far, this one included. */
  deliveryCount: number;
  /** ISO-8601. */
  publishedAt: string;
};

export type DeadLetterReason = { code: string; message: string };

/**
 * A negative acknowledgement: back to the queue (after `delayMs`, counted as a delivery), or to
 * dead letter with the error as reason.
 */
export type BusNack = { requeue: true; delayMs?: number } | { requeue: false; error?: unknown };

/**
 * Handles a batch of deliveries. Return the nacks, by delivery tag; every other delivery is
 * acked. Throwing nacks the whole batch: requeued after a short delay for an `AppError` of
 * category `unavailable`, sent to dead letter with the error as reason otherwise.
 */
export type BusHandler = (
  deliveries: readonly BusDelivery[],
) => Promise<ReadonlyMap<string, BusNack> | void>;

export type BusConsumeOptions = {
  /** Most unacked deliveries per handler call (the AMQP prefetch of one consumer slot). */
  prefetch: number;
  /** Handler calls in flight at once (default 1). */
  concurrency?: number;
  /**
   * The next batch is fetched while one is handled, so the handler never waits for deliveries
   * (default false; a broker's window of two batches; the SQLite bus reads its table anyway).
   */
  readAhead?: boolean;
  /** Past this, an unsettled delivery is considered lost and delivered again (default 5 min). */
  leaseMs?: number;
};

export type BusConsumer = {
  /** Stops taking messages and resolves once the batches in flight are settled. */
  stop(): Promise<void>;
};

export type BusFetchOptions = {
  /** Most messages returned. */
  max: number;
  /** Unacked messages come back to the queue after this (default 60 s). */
  visibilityTimeoutMs?: number;
};

export type QueueDepth = {
  /** Waiting for a consumer (requeued ones included). */
  ready: number;
  /** Delivered, not acked yet. */
  unacked: number;
  dead: number;
};

/** A message rejected for good; `replay` puts it back on its queue. */
export type BusDeadLetter = {
  id: string;
  queue: string;
  body: string;
  headers: Record<string, string>;
  deliveries: number;
  reason: DeadLetterReason;
  /** ISO-8601. */
  publishedAt: string;
  /** ISO-8601. */
  failedAt: string;
};
