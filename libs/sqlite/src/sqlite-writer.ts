import type { Database, Statement } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { appendEventBodies, executeWriteProgram } from './sqlite-write-program';
import type { WriteOutcome, WriteProgram } from './sqlite-write-program';

/** Runs write programs, on the caller's connection or on a dedicated thread. */
export type SqliteWriter = {
  run(program: WriteProgram): Promise<WriteOutcome>;
  close(): Promise<void>;
};

/** Runs each program synchronously on the caller's connection, inside its transaction if any. */
export function inlineWriter(db: Database): SqliteWriter {
  const cache = new Map<string, Statement>();
  return {
    run: (program) => Promise.resolve(executeWriteProgram(db, cache, program)),
    close: () => Promise.resolve(),
  };
}

// The writer thread: its own connection, programs executed in arrival order, one reply each.
// After heavy writing it restarts the WAL (see SqliteDatabase.afterWrite for why).
const THREAD_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -' + workerData.cacheSizeKb);
db.pragma('wal_autocheckpoint = 0');
const cache = new Map();
let programs = 0;
${appendEventBodies.toString()}
${executeWriteProgram.toString()}
parentPort.on('message', (message) => {
  if (message.kind === 'close') {
    db.close();
    parentPort.postMessage({ id: message.id, outcome: { ok: true } });
    parentPort.close();
    return;
  }
  const outcome = executeWriteProgram(db, cache, message.program);
  parentPort.postMessage({ id: message.id, outcome });
  if (++programs % 16 === 0) {
    const size = (statSync(workerData.path + '-wal', { throwIfNoEntry: false }) || { size: 0 }).size;
    if (size > workerData.walRestartBytes) {
      db.pragma('wal_checkpoint(RESTART)');
    }
  }
});
`;

export type ThreadWriterOptions = {
  path: string;
  busyTimeoutMs: number;
  cacheSizeKb: number;
  walRestartBytes: number;
};

type Pending = { resolve: (outcome: WriteOutcome) => void; reject: (error: Error) => void };

/**
 * Runs programs on a worker thread with its own connection, so that the caller prepares its next
 * transaction while SQLite writes this one. Programs commit in the order they were sent.
 */
export function threadWriter(options: ThreadWriterOptions): SqliteWriter {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
    // The thread only holds one program at a time: a small young generation keeps it lean.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    workerData: { ...options, modulePath: require.resolve('better-sqlite3') },
  });
  worker.unref();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    pending.forEach((p) => p.reject(error));
    pending.clear();
  };
  worker.on('message', (message: { id: number; outcome: WriteOutcome }) => {
    pending.get(message.id)?.resolve(message.outcome);
    pending.delete(message.id);
  });
  worker.on('error', (error) =>
    failAll(new Error(`SQLite writer thread failed: ${error.message}`)),
  );
  worker.on('exit', () => failAll(new Error('SQLite writer thread has stopped')));
  const send = (message: Record<string, unknown>): Promise<WriteOutcome> => {
    if (failure) {
      return Promise.reject(failure);
    }
    const id = nextId++;
    return new Promise<WriteOutcome>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Only a pending reply keeps the process alive; an idle writer never does.
      worker.ref();
      worker.postMessage({ ...message, id });
    }).finally(() => {
      if (pending.size === 0) {
        worker.unref();
      }
    });
  };
  return {
    run: (program) => send({ kind: 'program', program }),
    close: async () => {
      if (!failure) {
        await send({ kind: 'close' });
      }
    },
  };
}
