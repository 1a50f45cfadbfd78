import type { SqliteMigration } from '@lib/sqlite';

export const BUS_QUEUE_COMPONENT = 'connector-bus';

// The declared queues; their messages live in the shared durable queue table (realm `bus`).
export const BUS_QUEUE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'declared queues',
    sql: `CREATE TABLE connector_bus_queues (
      name TEXT PRIMARY KEY,
      declared_at INTEGER NOT NULL
    )`,
  },
];
