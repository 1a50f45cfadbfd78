import Database from 'better-sqlite3';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '@lib/kernel';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { inlineWriter, threadWriter } from './sqlite-writer';
import type { SqliteWriter } from './sqlite-writer';
import type { SqliteMigration } from './sqlite-migration.types';

const WAL_RESTART_BYTES = 256 * 1024 * 1024;

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
   * Run write programs (`writer`) on a dedicated thread with its own connection, so that bulk
   * writers overlap their next preparation with this commit (the platform turns it on).
   */
  writerThread?: boolean;
};

const BUSY_TIMEOUT_MS = 5000;
/** A WAL restart waits this long for readers, then leaves it for later. */
const RESTART_WAIT_MS = 100;

/**
 * The embedded profile's single SQLite file, shared by every embedded adapter so that one write
 * transaction can cover elements, events and work counters. Each adapter owns its tables and
 * migrates them through `migrate(component, steps)`.
 */
export class SqliteDatabase {
  readonly db: Database.Database;
  readonly path: string;
  private readonly checkpointer: SqliteCheckpointer | undefined;
  private writesSinceCheck = 0;
  private readonly options: SqliteDatabaseOptions;
  private programWriter: SqliteWriter | undefined;

  constructor(options: SqliteDatabaseOptions) {
    this.path = options.path;
    this.options = options;
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
    // Larger pages make bulk inserts of JSON documents a quarter cheaper; it only applies to a new
    // file (an existing one keeps its page size).
    this.db.pragma('page_size = 16384');
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last
    // transactions), which is the at-least-once contract the queues need.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma(`cache_size = -${(options.cacheSizeMb ?? 64) * 1024}`);
    if (options.mmapMb && options.path !== ':memory:') {
      this.db.pragma(`mmap_size = ${options.mmapMb * 1024 * 1024}`);
    }
    if (options.backgroundCheckpoint && options.path !== ':memory:') {
      // Commits then only append to the WAL; the checkpointer thread moves it into the file.
      this.db.pragma('wal_autocheckpoint = 0');
      this.checkpointer = new SqliteCheckpointer(options.path, 250, (message) =>
        process.emitWarning(`SQLite checkpoint of ${options.path} failed: ${message}`),
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
   * Called by heavy writers after a commit. PASSIVE checkpoints in the background cannot reset the
   * WAL while writes keep coming, and a large WAL slows every read (each searches its index); when
   * it has grown past a bound, a RESTART here (the background thread has already copied most of it)
   * makes the next commit start it over.
   */
  afterWrite(): void {
    if (!this.checkpointer || ++this.writesSinceCheck < 16) {
      return;
    }
    this.writesSinceCheck = 0;
    const size = statSync(`${this.path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    if (size > WAL_RESTART_BYTES) {
      // RESTART holds writers back while it waits for readers: briefly, never a busy timeout.
      this.db.pragma(`busy_timeout = ${RESTART_WAIT_MS}`);
      this.db.pragma('wal_checkpoint(RESTART)');
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
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
              restartWaitMs: RESTART_WAIT_MS,
              cacheSizeKb: (this.options.cacheSizeMb ?? 64) * 1024,
              walRestartBytes: WAL_RESTART_BYTES,
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
    if (this.db.open) {
      if (this.checkpointer) {
        this.db.pragma('wal_checkpoint(TRUNCATE)');
      }
      this.db.close();
    }
  }
}
