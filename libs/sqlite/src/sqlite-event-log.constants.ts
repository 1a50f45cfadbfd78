import type { SqliteMigration } from './sqlite-migration.types';

export const EVENT_LOG_COMPONENT = 'event-log';

// `pos` follows insertion order, which is also id order (ids only grow), so trimming deletes the
// lowest positions. The state row keeps the last id and the count, so that an append neither scans
// the table nor depends on rows a trim removed.
export const EVENT_LOG_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'stream events',
    sql: `CREATE TABLE stream_events (
      pos INTEGER PRIMARY KEY,
      ms INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      body TEXT NOT NULL
    );
    CREATE UNIQUE INDEX stream_events_id ON stream_events (ms, seq);
    CREATE TABLE stream_event_log_state (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      last_ms INTEGER NOT NULL,
      last_seq INTEGER NOT NULL,
      size INTEGER NOT NULL
    );
    INSERT INTO stream_event_log_state (id, last_ms, last_seq, size) VALUES (1, 0, -1, 0);`,
  },
  {
    // One element's events (TAXII version history) without scanning the log: an index on the
    // element id inside the stored body, so that writers need no change.
    version: 2,
    name: 'stream events by element',
    sql: `CREATE INDEX stream_events_element ON stream_events (json_extract(body, '$.elementId'), ms, seq);`,
  },
];
