import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '@lib/kernel';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { inlineWriter, threadWriter } from './sqlite-writer';
import type { SqliteWriter } from './sqlite-writer';
import type { SqliteMigration } from './sqlite-migration.types';

export type SqliteDatabaseOptions = {
  /** File path, or ':memory:' for tests. */
  path: string;
  /** Page cache size in MiB. */
  cacheSizeMb?: number;
  /**
   * Memory-mapped reads of this connection in MiB (default 0): large stores read their pages
   * from the OS page cache without a copy (a list page at 1M objects costs half).
   */
  mmapMb?: number;
  /**
   * Checkpoint the WAL from a background thread instead of inside commits (the platform turns it
   * on; tests leave it off to keep threads out of every temporary database).
   */
  backgroundCheckpoint?: boolean;
  /**
   * With the background checkpoint, the WAL is started over once it holds this many MiB, all
   * copied (default 256), and its file cut back to that size.
   */
  walRestartMb?: number;
  /**
   * Run write programs (`writer`) on a dedicated thread with its own connection, so that bulk
   * writers overlap their next preparation with this commit (the platform turns it on).
   */
  writerThread?: boolean;
};

const BUSY_TIMEOUT_MS = 5000;
/** A WAL restart waits this long for the writer and readers, then leaves it for later. */
const RESTART_WAIT_MS = 100;
/**
 * How often the background thread checkpoints. A page that several commits rewrite in between is
 * copied once: at 300,000 synthetic objects, 1 s instead of 250 ms wrote 18 % fewer bytes (4.2
 * against 5.1 GB) with 11 % fewer write calls, and the thread spent a third less CPU.
 */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * The embedded profile's single SQLite file, shared by every embedded adapter so that one write
 * transaction can cover elements, events and work counters. Each adapter owns its tables and
 * migrates them through `migrate(component, steps)`.
 */
export class SqliteDatabase {
  readonly db: Database.Database;
  readonly path: string;
  private readonly checkpointer: SqliteCheckpointer | undefined;
  private readonly options: SqliteDatabaseOptions;
  private programWriter: SqliteWriter | undefined;
  private lookupConnection: Database.Database | undefined;
  /** Page cache of each connection (this one, the look-up one, the writer thread's). */
  private readonly cacheSizeKb: number;
  private readonly walRestartBytes: number;

  constructor(options: SqliteDatabaseOptions) {
    this.path = options.path;
    this.options = options;
    this.cacheSizeKb = (options.cacheSizeMb ?? 32) * 1024;
    this.walRestartBytes = (options.walRestartMb ?? 256) * 1024 * 1024;
    if (options.path !== ':memory:') {
      mkdirSync(dirname(options.path), { recursive: true });
    }
    try {
      this.db = new Database(options.path);
    } catch (cause) {
      throw new AppError({
        code: 'SQLITE_OPEN_FAILED',
        category: 'unavailable',
        message: `Cannot open the SQLite database at ${options.path}`,
        cause,
      });
    }
    // 4 KiB pages. Once a store outgrows the page cache, each insert into a hashed index (keys,
    // ids, refs) lands on a page not in it: the page is read and later written whole, so small
    // pages copy a quarter of what 16 KiB ones did. A million-object import ran 18% faster than
    // with 16 KiB pages (small imports, all in cache, about 10% slower). It only applies to a new
    // file; an existing one keeps its page size.
    this.db.pragma('page_size = 4096');
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last
    // transactions), which is the at-least-once contract the queues need.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma(`cache_size = -${this.cacheSizeKb}`);
    if (options.mmapMb && options.path !== ':memory:') {
      this.db.pragma(`mmap_size = ${options.mmapMb * 1024 * 1024}`);
    }
    if (options.backgroundCheckpoint && options.path !== ':memory:') {
      // Commits then only append to the WAL; the checkpointer thread moves it into the file.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${this.walRestartBytes}`);
      this.checkpointer = new SqliteCheckpointer(
        {
          path: options.path,
          intervalMs: CHECKPOINT_INTERVAL_MS,
          busyTimeoutMs: BUSY_TIMEOUT_MS,
          restartBytes: this.walRestartBytes,
          restartWaitMs: RESTART_WAIT_MS,
        },
        (message) => process.emitWarning(`SQLite checkpoint of ${options.path} failed: ${message}`),
      );
    }
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      component TEXT NOT NULL,
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      PRIMARY KEY (component, version)
    )`);
  }

  /** Applies the steps of `component` not applied yet, in order, each in its own transaction. */
  migrate(component: string, steps: readonly SqliteMigration[]): void {
    const applied = new Set(
      this.db
        .prepare('SELECT version FROM schema_migrations WHERE component = ?')
        .pluck()
        .all(component) as number[],
    );
    const ordered = [...steps].sort((a, b) => a.version - b.version);
    ordered.forEach((step, index) => {
      if (step.version !== index + 1) {
        throw new AppError({
          code: 'SQLITE_MIGRATION_GAP',
          category: 'internal',
          message: `Migrations of ${component} must be numbered 1..n, found ${step.version} at ${index + 1}`,
        });
      }
    });
    const record = this.db.prepare(
      'INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const step of ordered) {
      if (applied.has(step.version)) {
        continue;
      }
      // IMMEDIATE takes the write lock first, so two processes never run the same step.
      this.db
        .transaction(() => {
          const again = this.db
            .prepare('SELECT 1 FROM schema_migrations WHERE component = ? AND version = ?')
            .get(component, step.version);
          if (again) {
            return;
          }
          this.db.exec(step.sql);
          record.run(component, step.version, step.name, new Date().toISOString());
        })
        .immediate();
    }
  }

  /**
   * The connection the write path's look-ups read through (the entity store: keys, relation
   * probes, versions, rows): with the writer thread, a second one without memory mapping.
   * Ingestion reads keys and rows scattered over the whole file; mapped, every page it touches
   * stays in the process's resident set (over 200 MB at a million elements), where the bounded
   * page cache holds them no slower. Queries (lists, search) keep `db` and its mapping. Without
   * the writer thread (tests, ':memory:') it is `db`, so reads see the caller's transaction.
   */
  get lookupDb(): Database.Database {
    if (!this.options.writerThread || this.path === ':memory:') {
      return this.db;
    }
    if (!this.lookupConnection) {
      const db = new Database(this.path);
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma(`cache_size = -${this.cacheSizeKb}`);
      this.lookupConnection = db;
    }
    return this.lookupConnection;
  }

  /**
   * Where write programs run: the writer thread when enabled (file databases only), else this
   * connection, synchronously.
   */
  get writer(): SqliteWriter {
    if (!this.programWriter) {
      this.programWriter =
        this.options.writerThread && this.path !== ':memory:'
          ? threadWriter({
              path: this.path,
              busyTimeoutMs: BUSY_TIMEOUT_MS,
              cacheSizeKb: this.cacheSizeKb,
              backgroundCheckpoint: this.checkpointer !== undefined,
              walLimitBytes: this.walRestartBytes,
            })
          : inlineWriter(this.db);
    }
    return this.programWriter;
  }

  /**
   * Runs `fn` in one write transaction (nested calls become savepoints). IMMEDIATE: the write
   * lock is taken up front, so a read followed by a write never fails at once with SQLITE_BUSY on
   * the lock upgrade when another connection (the writer thread) committed in between.
   */
  transaction<T>(fn: () => T): T {
    const transaction = this.db.transaction(fn);
    return this.db.inTransaction ? transaction() : transaction.immediate();
  }

  close(): void {
    this.checkpointer?.stop();
    this.programWriter
      ?.close()
      .catch((error: unknown) =>
        process.emitWarning(`Closing the SQLite writer of ${this.path} failed: ${String(error)}`),
      );
    this.programWriter = undefined;
    this.lookupConnection?.close();
    this.lookupConnection = undefined;
    if (this.db.open) {
      if (this.checkpointer) {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      }
      this.db.close();
    }
  }
}
