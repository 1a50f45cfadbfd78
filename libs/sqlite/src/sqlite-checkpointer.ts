import { Worker } from 'node:worker_threads';

// Runs in its own thread with its own connection. PASSIVE checkpoints copy the WAL into the
// database file (and fsync it) without blocking the writer, so bulk writes never wait for a
// checkpoint. A PASSIVE checkpoint never starts the WAL over, though: under steady writes it grows
// without bound on disk (gigabytes at a million elements; in the 1M-object benchmark the bigger
// WAL index did not measurably slow reads). So once the WAL holds `restartFrames` frames, all copied,
// this thread also runs a RESTART: it waits (at most restartWaitMs, then tries on the next tick)
// until no writer is active and readers have left the WAL, and the next commit writes from the
// WAL's start. Only this thread checkpoints, so the two never collide. Plain JS evaluated in the
// worker: it must load under jest and from dist alike.
const SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const stopped = new Int32Array(workerData.stopped);
let db;
let restartFrames = 0;
const timer = setInterval(() => {
  if (Atomics.load(stopped, 0) === 1) {
    return;
  }
  try {
    if (!db) {
      const Database = require(workerData.modulePath);
      db = new Database(workerData.path);
      db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
      db.pragma('journal_size_limit = ' + workerData.restartBytes);
      restartFrames = Math.ceil(workerData.restartBytes / db.pragma('page_size', { simple: true }));
    }
    const [copied] = db.pragma('wal_checkpoint(PASSIVE)');
    if (copied.log >= restartFrames && copied.checkpointed === copied.log) {
      db.pragma('busy_timeout = ' + workerData.restartWaitMs);
      try {
        db.pragma('wal_checkpoint(RESTART)');
      } finally {
        db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
      }
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    if (db) {
      db.close();
    }
    parentPort.close();
  }
});
`;

export type CheckpointerOptions = {
  path: string;
  intervalMs: number;
  busyTimeoutMs: number;
  /** WAL size (bytes, all copied) from which the WAL is started over. */
  restartBytes: number;
  /** How long a restart waits for the writer and readers before it is left for the next tick. */
  restartWaitMs: number;
};

/** A background thread checkpointing the WAL of one database file. */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  // Set before the stop message travels, so a worker that has not opened the file yet never does.
  private readonly stopped = new Int32Array(new SharedArrayBuffer(4));

  constructor(options: CheckpointerOptions, onError: (message: string) => void) {
    this.worker = new Worker(SOURCE, {
      eval: true,
      workerData: {
        ...options,
        modulePath: require.resolve('better-sqlite3'),
        stopped: this.stopped.buffer,
      },
    });
    this.worker.on('message', (message: { error?: string }) => {
      if (message.error) {
        onError(message.error);
      }
    });
    this.worker.on('error', (error) => onError(error.message));
    this.worker.unref();
  }

  stop(): void {
    Atomics.store(this.stopped, 0, 1);
    this.worker.postMessage('stop');
  }
}
