import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDatabase } from './sqlite-database';
import { SqliteDurableQueue } from './sqlite-durable-queue';
import type { DurableBatchProcessor } from './sqlite-queue-consumer';
import { SqliteQueueConsumer } from './sqlite-queue-consumer';

const until = async (predicate: () => boolean) => {
  const deadline = Date.now() + 3000;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error('timed out');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe(SqliteQueueConsumer.name, () => {
  let dir: string;
  let database: SqliteDatabase;
  let engine: SqliteDurableQueue;
  let errors: unknown[];

  const consumer = (processor: DurableBatchProcessor, leaseMs = 1000) =>
    new SqliteQueueConsumer(
      engine,
      {
        queue: 'q',
        batchSize: 10,
        concurrency: 1,
        leaseMs,
        pollIntervalMs: 20,
        onError: (e) => errors.push(e),
      },
      processor,
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-consumer-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    engine = SqliteDurableQueue.for(database, 'test');
    errors = [];
  });

  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records a processor that throws, and the batch comes back after its lease', async () => {
    engine.enqueue([{ queue: 'q', body: 'm' }]);
    const attempts: number[] = [];
    const sut = consumer((messages) => {
      attempts.push(...messages.map((m) => m.attempts));
      if (attempts.length === 1) {
        return Promise.reject(new Error('processor bug'));
      }
      return Promise.resolve(messages.map((ref) => ({ ref, action: 'ack' as const })));
    }, 50);
    sut.start();
    await until(() => attempts.length === 2);
    await sut.stop();
    expect(attempts).toEqual([1, 2]);
    expect(errors).toEqual([new Error('processor bug')]);
    expect(engine.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
  });

  it('records storage failures without crashing, and still stops', async () => {
    const sut = consumer(() => Promise.resolve([]));
    sut.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    database.close();
    await until(() => errors.length > 0);
    await sut.stop();
    expect(errors[0]).toMatchObject({ message: expect.stringMatching(/not open/) as unknown });
  });
});
