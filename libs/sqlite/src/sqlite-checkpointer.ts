import { Worker } from 'node:worker_threads';

// Runs in its own thread with its own connection: PASSIVE checkpoints copy the WAL into the
// database file (and fsync it) without blocking the writer, so bulk writes on the main thread
// never wait for a checkpoint. Plain JS evaluated in the worker: it must load under jest and from
// dist alike.
const SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const stopped = new Int32Array(workerData.stopped);
let db;
const timer = setInterval(() => {
  if (Atomics.load(stopped, 0) === 1) {
    return;
  }
  try {
    if (!db) {
      const Database = require(workerData.modulePath);
      db = new Database(workerData.path);
      db.pragma('busy_timeout = 5000');
    }
    db.pragma('wal_checkpoint(PASSIVE)');
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

/** A background thread checkpointing the WAL of one database file. */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  // Set before the stop message travels, so a worker that has not opened the file yet never does.
  private readonly stopped = new Int32Array(new SharedArrayBuffer(4));

  constructor(path: string, intervalMs: number, onError: (message: string) => void) {
    this.worker = new Worker(SOURCE, {
      eval: true,
      workerData: {
        path,
        intervalMs,
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
