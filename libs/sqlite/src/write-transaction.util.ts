import type { SqliteDatabase } from './sqlite-database';

/**
 * Runs `fn` atomically: as a savepoint inside the caller's transaction when there is one (so an
 * outbox write commits or rolls back with it), else in an IMMEDIATE transaction, which takes the
 * write lock up front so that a read-then-write never fails on a lock upgrade when another process
 * shares the file.
 */
export function writeTransaction<T>(database: SqliteDatabase, fn: () => T): T {
  const transaction = database.db.transaction(fn);
  return database.db.inTransaction ? transaction() : transaction.immediate();
}
