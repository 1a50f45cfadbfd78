import Database from 'better-sqlite3';
import { AppError } from '@lib/kernel';

// Result codes meaning "try again later": contention, I/O, a full disk, a closed connection.
const TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|PROTOCOL|NOMEM|INTERRUPT)/;

/**
 * Translates an error thrown while using the database into an AppError: AppErrors pass through,
 * transient SQLite failures become `unavailable` (retryable), anything else `internal`.
 */
export function sqliteFailure(error: unknown, code: string, message: string): AppError {
  if (error instanceof AppError) {
    return error;
  }
  // Matched by message: the driver's native part throws plain TypeErrors for a closed connection.
  const closedMessage = (error as { message?: unknown } | null)?.message;
  const transient =
    (error instanceof Database.SqliteError && TRANSIENT.test(error.code)) ||
    (typeof closedMessage === 'string' && /database connection is not open/i.test(closedMessage));
  return new AppError({
    code,
    category: transient ? 'unavailable' : 'internal',
    message,
    details: error instanceof Database.SqliteError ? { sqliteCode: error.code } : {},
    cause: error,
  });
}
