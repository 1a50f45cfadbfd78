import type { Database, Statement } from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { appendEventBodies, builderSource, executeWriteProgram } from './sqlite-write-program';
import type {
  ProgramBuilder,
  WriteOutcome,
  WriteProgram,
  WriteRequest,
} from './sqlite-write-program';

/** Runs write programs, on the caller's connection or on a dedicated thread. */
export type SqliteWriter = {
  /** Registers a program builder under `name` (once; later requests name it). */
  define<I, L extends Record<string, (...args: never[]) => unknown>>(
    name: string,
    builder: ProgramBuilder<I, L>,
  ): void;
  /**
   * Runs `request`. With `after` (an earlier run of this writer), it runs only if that one
   * committed, else its outcome is `skipped`: a caller may queue a program behind one still
   * running without waiting for it.
   */
  run(request: WriteRequest, after?: Promise<WriteOutcome>): Promise<WriteOutcome>;
  /**
   * Milliseconds the writer thread has been busy since it started (its event loop's active time:
   * building and running programs, committing), for benchmarks to tell which thread a bulk write
   * waits on; undefined without a thread (programs run on the caller's).
   */
  activeMs(): number | undefined;
  close(): Promise<void>;
};

/**
 * Runs `run` once `after` committed; `skipped` when it did not: for a run that cannot be queued
 * behind `after` where that one runs.
 */
function whenCommitted(
  after: Promise<WriteOutcome>,
  run: () => WriteOutcome | Promise<WriteOutcome>,
): Promise<WriteOutcome> {
  const skipped: WriteOutcome = { ok: false, skipped: true };
  return after.then(
    (outcome) => (outcome.ok ? run() : skipped),
    () => skipped,
  );
}

function buildFailure(name: string, error: unknown): WriteOutcome {
  return {
    ok: false,
    error: { message: `Building a ${name} program failed: ${String(error)}` },
  };
}

/** Runs each program synchronously on the caller's connection, inside its transaction if any. */
export function inlineWriter(db: Database): SqliteWriter {
  const cache = new Map<string, Statement>();
  const builders = new Map<string, (input: unknown) => WriteProgram>();
  const program = (request: WriteRequest): WriteProgram | WriteOutcome => {
    if (!('builder' in request)) {
      return request;
    }
    const build = builders.get(request.builder);
    try {
      return build ? build(request.input) : buildFailure(request.builder, 'not defined');
    } catch (error) {
      return buildFailure(request.builder, error);
    }
  };
  return {
    define: (name, builder) => {
      builders.set(name, (input) => builder.entry(input as never, builder.lib));
    },
    run: (request, after) => {
      const execute = (): WriteOutcome => {
        const built = program(request);
        return 'ok' in built ? built : executeWriteProgram(db, cache, built);
      };
      return after ? whenCommitted(after, execute) : Promise.resolve(execute());
    },
    activeMs: () => undefined,
    close: () => Promise.resolve(),
  };
}

// The writer thread: its own connection, programs executed in arrival order, one reply each. With a
// background checkpointer, that thread alone checkpoints (sqlite-checkpointer.ts).
const THREAD_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
db.pragma('cache_size = -' + workerData.cacheSizeKb);
if (workerData.backgroundCheckpoint) {
  db.pragma('wal_autocheckpoint = 0');
}
db.pragma('journal_size_limit = ' + workerData.walLimitBytes);
const cache = new Map();
const builders = new Map();
// Ids of the programs that did not commit, for the programs queued after them.
const failed = new Set();
${appendEventBodies.toString()}
${executeWriteProgram.toString()}
parentPort.on('message', (message) => {
  if (message.kind === 'close') {
    db.close();
    parentPort.postMessage({ id: message.id, outcome: { ok: true } });
    parentPort.close();
    return;
  }
  if (message.kind === 'define') {
    builders.set(message.name, new Function(message.source)());
    return;
  }
  let outcome;
  if (message.after !== undefined && failed.has(message.after)) {
    outcome = { ok: false, skipped: true };
  } else {
    try {
      const program = message.request.builder === undefined
        ? message.request
        : builders.get(message.request.builder)(message.request.input);
      outcome = executeWriteProgram(db, cache, program);
    } catch (error) {
      outcome = { ok: false, error: { message: 'Building a program failed: ' + String(error) } };
    }
  }
  if (!outcome.ok) {
    failed.add(message.id);
    if (failed.size > 1024) {
      failed.delete(failed.values().next().value);
    }
  }
  parentPort.postMessage({ id: message.id, outcome });
});
`;

export type ThreadWriterOptions = {
  path: string;
  busyTimeoutMs: number;
  cacheSizeKb: number;
  /** A checkpointer thread owns checkpoints: commits leave the WAL to it. */
  backgroundCheckpoint: boolean;
  /** The WAL file is cut back to this size when it starts over. */
  walLimitBytes: number;
};

type Pending = { resolve: (outcome: WriteOutcome) => void; reject: (error: Error) => void };

/**
 * Runs programs on a worker thread with its own connection, so that the caller prepares its next
 * transaction while SQLite writes this one. Programs commit in the order they were sent.
 */
export function threadWriter(options: ThreadWriterOptions): SqliteWriter {
  const worker = new Worker(THREAD_SOURCE, {
    eval: true,
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
  // The id of each run's reply, for the runs queued after it.
  const sent = new WeakMap<Promise<WriteOutcome>, number>();
  const send = (message: Record<string, unknown>): Promise<WriteOutcome> => {
    if (failure) {
      return Promise.reject(failure);
    }
    const id = nextId++;
    const reply = new Promise<WriteOutcome>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Only a pending reply keeps the process alive; an idle writer never does.
      worker.ref();
      worker.postMessage({ ...message, id });
    }).finally(() => {
      if (pending.size === 0) {
        worker.unref();
      }
    });
    sent.set(reply, id);
    return reply;
  };
  return {
    define: (name, builder) => {
      worker.postMessage({ kind: 'define', name, source: builderSource(builder) });
    },
    run: (request, after) => {
      if (after === undefined) {
        return send({ kind: 'program', request });
      }
      const queuedAfter = sent.get(after);
      if (queuedAfter !== undefined) {
        // The thread runs programs in order: it skips this one when that one did not commit.
        return send({ kind: 'program', request, after: queuedAfter });
      }
      return whenCommitted(after, () => send({ kind: 'program', request }));
    },
    activeMs: () => worker.performance.eventLoopUtilization().active,
    close: async () => {
      if (!failure) {
        await send({ kind: 'close' });
      }
    },
  };
}
