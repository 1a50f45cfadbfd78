/** A message to put on a durable queue. */
export type DurableMessageDraft = {
  queue: string;
  body: string;
  headers?: Record<string, string>;
  /** Not deliverable before this many milliseconds from now. */
  delayMs?: number;
  /** Deliveries allowed before a retry or a lease expiry sends it to dead letter; absent = unlimited. */
  maxAttempts?: number;
};

/** Designates one delivery of a message; settling with a stale lease token has no effect. */
export type DurableMessageRef = { id: string; leaseToken: string };

/** A claimed (leased) message. */
export type DurableMessage = DurableMessageRef & {
  queue: string;
  body: string;
  headers: Record<string, string>;
  /** Deliveries so far, this one included (1 on the first delivery). */
  attempts: number;
  maxAttempts: number | undefined;
  /** Epoch milliseconds. */
  enqueuedAt: number;
};

/** Why a message failed, kept on the message and on its dead letter. */
export type DurableFailureReason = { code: string; message: string };

/**
 * What to do with a delivered message: `ack` removes it; `retry` makes it deliverable again after
 * `delayMs` (or sends it to dead letter when its attempts are exhausted); `dead` sends it to dead
 * letter at once.
 */
export type DurableSettlement =
  | { ref: DurableMessageRef; action: 'ack' }
  | { ref: DurableMessageRef; action: 'retry'; delayMs: number; reason?: DurableFailureReason }
  | { ref: DurableMessageRef; action: 'dead'; reason: DurableFailureReason };

export type DurableDeadLetter = {
  id: string;
  queue: string;
  body: string;
  headers: Record<string, string>;
  attempts: number;
  reason: DurableFailureReason;
  /** Epoch milliseconds. */
  enqueuedAt: number;
  /** Epoch milliseconds. */
  deadAt: number;
};

export type DurableQueueStats = {
  /** Deliverable now. */
  waiting: number;
  /** Deliverable later (delayed or backing off). */
  delayed: number;
  /** Leased to a consumer, not settled yet. */
  active: number;
  dead: number;
};
