import type { Statement } from 'better-sqlite3';
import { AppError } from '@lib/kernel';
import type { SqliteDatabase } from './sqlite-database';
import type { DurableDeadLetter, DurableMessage } from './sqlite-durable-queue.types';

type MessageRow = {
  id: number;
  queue: string;
  body: string;
  headers: string;
  attempts: number;
  max_attempts: number | null;
  enqueued_at: number;
  lease_token: string;
};

type DeadRow = Omit<MessageRow, 'max_attempts' | 'lease_token'> & {
  error_code: string | null;
  error_message: string | null;
  dead_at: number;
};

type StatsRow = {
  waiting: number | null;
  delayed: number | null;
  active: number | null;
  dead: number | null;
};

const REALM_QUEUE = 'realm = @realm AND queue = @queue';

/** The prepared statements of the durable queue engine (named parameters). */
export function prepareDurableQueueStatements(database: SqliteDatabase) {
  const db = database.db;
  const dead = `state = 'dead', dead_at = @now, lease_token = NULL, error_code = @code, error_message = @message`;
  return {
    insert: db.prepare(`INSERT INTO durable_queue_messages
      (realm, queue, state, body, headers, max_attempts, available_at, enqueued_at)
      VALUES (@realm, @queue, 'ready', @body, @headers, @maxAttempts, @availableAt, @now)`),
    claim: db.prepare<Record<string, unknown>, MessageRow>(`UPDATE durable_queue_messages
      SET state = 'active', attempts = attempts + 1, available_at = @leaseUntil, lease_token = @token
      WHERE id IN (SELECT id FROM durable_queue_messages
        WHERE ${REALM_QUEUE} AND state = 'ready' AND available_at <= @now
        ORDER BY available_at, id LIMIT @limit)
      RETURNING id, queue, body, headers, attempts, max_attempts, enqueued_at, lease_token`),
    expireToDead: db.prepare(`UPDATE durable_queue_messages SET ${dead}
      WHERE ${REALM_QUEUE} AND state = 'active' AND available_at <= @now
        AND max_attempts IS NOT NULL AND attempts >= max_attempts`),
    expireToReady: db.prepare(`UPDATE durable_queue_messages
      SET state = 'ready', lease_token = NULL, error_code = @code, error_message = @message
      WHERE ${REALM_QUEUE} AND state = 'active' AND available_at <= @now`),
    ack: db.prepare(`DELETE FROM durable_queue_messages
      WHERE realm = @realm AND id = @id AND state = 'active' AND lease_token = @token`),
    retry: db.prepare<Record<string, unknown>, { queue: string }>(`UPDATE durable_queue_messages
      SET lease_token = NULL, error_code = coalesce(@code, error_code),
        error_message = coalesce(@message, error_message),
        state = CASE WHEN max_attempts IS NOT NULL AND attempts >= max_attempts THEN 'dead' ELSE 'ready' END,
        dead_at = CASE WHEN max_attempts IS NOT NULL AND attempts >= max_attempts THEN @now END,
        available_at = @availableAt
      WHERE realm = @realm AND id = @id AND state = 'active' AND lease_token = @token
      RETURNING queue`),
    dead: db.prepare(`UPDATE durable_queue_messages SET ${dead}
      WHERE realm = @realm AND id = @id AND state = 'active' AND lease_token = @token`),
    deadLetters: db.prepare<Record<string, unknown>, DeadRow>(`SELECT id, queue, body, headers,
        attempts, enqueued_at, error_code, error_message, dead_at
      FROM durable_queue_messages WHERE ${REALM_QUEUE} AND state = 'dead' AND id > @after
      ORDER BY id LIMIT @limit`),
    replay: db.prepare<Record<string, unknown>, { queue: string }>(`UPDATE durable_queue_messages
      SET state = 'ready', attempts = 0, available_at = @now, dead_at = NULL
      WHERE realm = @realm AND id = @id AND state = 'dead' RETURNING queue`),
    stats: db.prepare<Record<string, unknown>, StatsRow>(`SELECT
        sum(state = 'ready' AND available_at <= @now) AS waiting,
        sum(state = 'ready' AND available_at > @now) AS delayed,
        sum(state = 'active') AS active, sum(state = 'dead') AS dead
      FROM durable_queue_messages WHERE ${REALM_QUEUE}`),
    nextDue: db.prepare<Record<string, unknown>, { available_at: number }>(`SELECT available_at
      FROM durable_queue_messages WHERE ${REALM_QUEUE} AND state = @state
      ORDER BY available_at LIMIT 1`),
    purge: db.prepare(
      `DELETE FROM durable_queue_messages WHERE ${REALM_QUEUE} AND state = 'ready'`,
    ),
    deleteQueue: db.prepare(`DELETE FROM durable_queue_messages WHERE ${REALM_QUEUE}`),
  } satisfies Record<string, Statement<Record<string, unknown>, unknown>>;
}

export function toRowId(id: string): number {
  const rowId = Number(id);
  if (!/^[1-9][0-9]*$/.test(id) || !Number.isSafeInteger(rowId)) {
    throw new AppError({
      code: 'QUEUE_INVALID_MESSAGE_ID',
      category: 'validation',
      message: `Invalid queue message id: ${JSON.stringify(id)}`,
      details: { id },
    });
  }
  return rowId;
}

export function toMessage(row: MessageRow): DurableMessage {
  return {
    id: String(row.id),
    leaseToken: row.lease_token,
    queue: row.queue,
    body: row.body,
    headers: JSON.parse(row.headers) as Record<string, string>,
    attempts: row.attempts,
    maxAttempts: row.max_attempts ?? undefined,
    enqueuedAt: row.enqueued_at,
  };
}

export function toDeadLetter(row: DeadRow): DurableDeadLetter {
  return {
    id: String(row.id),
    queue: row.queue,
    body: row.body,
    headers: JSON.parse(row.headers) as Record<string, string>,
    attempts: row.attempts,
    reason: { code: row.error_code ?? 'UNKNOWN', message: row.error_message ?? '' },
    enqueuedAt: row.enqueued_at,
    deadAt: row.dead_at,
  };
}
