import Database from 'better-sqlite3';
import { AppError } from '@lib/kernel';
import { sqliteFailure } from './sqlite-failure.util';

describe(sqliteFailure.name, () => {
  it('passes AppErrors through', () => {
    const error = new AppError({ code: 'X', category: 'conflict', message: 'x' });
    expect(sqliteFailure(error, 'Y', 'y')).toBe(error);
  });

  it('makes contention and a closed connection retryable', () => {
    const busy = new Database.SqliteError('database is locked', 'SQLITE_BUSY');
    expect(sqliteFailure(busy, 'STORE_FAILED', 'failed')).toMatchObject({
      code: 'STORE_FAILED',
      category: 'unavailable',
      details: { sqliteCode: 'SQLITE_BUSY' },
      cause: busy,
    });
    const closed = new TypeError('The database connection is not open');
    expect(sqliteFailure(closed, 'STORE_FAILED', 'failed').category).toBe('unavailable');
  });

  it('makes anything else internal', () => {
    const syntax = new Database.SqliteError('near "SELEC": syntax error', 'SQLITE_ERROR');
    expect(sqliteFailure(syntax, 'STORE_FAILED', 'failed').category).toBe('internal');
    expect(sqliteFailure('weird', 'STORE_FAILED', 'failed').category).toBe('internal');
  });
});
