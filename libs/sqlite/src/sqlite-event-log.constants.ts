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
  {
    // An event can be filed under an integer subject given by its writer (the entity store gives
    // the row id of the element it writes): new elements have ever larger row ids, so filing their
    // events appends to the end of an index, where an index on the element id (a random UUID)
    // takes a write on a random page per event, once the log outgrows the page cache. The index
    // on the element id in the body keeps only the events written without a subject.
    version: 3,
    name: 'stream events by subject',
    sql: `ALTER TABLE stream_events ADD COLUMN subject INTEGER;
    DROP INDEX stream_events_element;
    CREATE INDEX stream_events_element ON stream_events (json_extract(body, '$.elementId'), ms, seq)
      WHERE subject IS NULL;
    CREATE INDEX stream_events_subject ON stream_events (subject, ms, seq)
      WHERE subject IS NOT NULL;`,
  },
];

/**
 * An element's newest events: those filed under its subject (the body's element id checked as
 * well: a row id can come back to another element once the element holding the largest one was
 * deleted), and those written without a subject.
 */
export const READ_ELEMENT_SQL = `SELECT ms, seq, body FROM stream_events
    WHERE subject = @subject AND json_extract(body, '$.elementId') = @elementId
  UNION ALL
  SELECT ms, seq, body FROM stream_events
    WHERE json_extract(body, '$.elementId') = @elementId AND subject IS NULL
  ORDER BY ms DESC, seq DESC LIMIT @limit`;
