import type { SqliteMigration } from './sqlite-migration.types';

export const DURABLE_QUEUE_COMPONENT = 'durable-queue';

// One table for every realm (job queue, connector bus) and state. `available_at` is the time a
// ready message becomes deliverable, and the lease deadline of an active one, so one index serves
// both the claim and the lease-expiry sweep.
export const DURABLE_QUEUE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'durable queue messages',
    sql: `CREATE TABLE durable_queue_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      realm TEXT NOT NULL,
      queue TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('ready', 'active', 'dead')),
      body TEXT NOT NULL,
      headers TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      max_attempts INTEGER,
      available_at INTEGER NOT NULL,
      lease_token TEXT,
      enqueued_at INTEGER NOT NULL,
      error_code TEXT,
      error_message TEXT,
      dead_at INTEGER
    );
    CREATE INDEX durable_queue_messages_due
      ON durable_queue_messages (realm, queue, state, available_at);`,
  },
];

/** Reason recorded when a consumer held a message past its lease (crashed or too slow). */
export const LEASE_EXPIRED_REASON = {
  code: 'LEASE_EXPIRED',
  message: 'The consumer did not settle the message before its lease expired',
} as const;
