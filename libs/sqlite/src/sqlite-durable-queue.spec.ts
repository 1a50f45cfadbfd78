import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from '@lib/kernel';
import { SqliteDatabase } from './sqlite-database';
import { SqliteDurableQueue } from './sqlite-durable-queue';

const reason = { code: 'BOOM', message: 'it broke' };

describe(SqliteDurableQueue.name, () => {
  let dir: string;
  let database: SqliteDatabase;
  let sut: SqliteDurableQueue;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tl-durable-queue-'));
    database = new SqliteDatabase({ path: join(dir, 'test.db') });
    sut = SqliteDurableQueue.for(database, 'jobs');
  });

  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const enqueue = (count: number, extra: { maxAttempts?: number; delayMs?: number } = {}) =>
    sut.enqueue(Array.from({ length: count }, (_, i) => ({ queue: 'q', body: `m${i}`, ...extra })));

  it('is one instance per database and realm', () => {
    expect(SqliteDurableQueue.for(database, 'jobs')).toBe(sut);
    expect(SqliteDurableQueue.for(database, 'bus')).not.toBe(sut);
  });

  it('claims a batch in enqueue order, counting one attempt, and acks it', () => {
    enqueue(5);
    const batch = sut.claim('q', 3, 1000);
    expect(batch.map((m) => [m.body, m.attempts])).toEqual([
      ['m0', 1],
      ['m1', 1],
      ['m2', 1],
    ]);
    expect(sut.stats('q')).toEqual({ waiting: 2, delayed: 0, active: 3, dead: 0 });
    sut.settle(batch.map((m) => ({ ref: m, action: 'ack' })));
    expect(sut.stats('q')).toEqual({ waiting: 2, delayed: 0, active: 0, dead: 0 });
  });

  it('keeps realms and queues apart', () => {
    enqueue(1);
    sut.enqueue([{ queue: 'other', body: 'x' }]);
    expect(SqliteDurableQueue.for(database, 'bus').claim('q', 10, 1000)).toEqual([]);
    expect(sut.claim('q', 10, 1000).map((m) => m.body)).toEqual(['m0']);
  });

  it('retries later, then sends to dead letter with the reason once attempts are exhausted', () => {
    enqueue(1, { maxAttempts: 2 });
    const [first] = sut.claim('q', 1, 1000);
    sut.settle([{ ref: first!, action: 'retry', delayMs: 60_000, reason }]);
    expect(sut.stats('q')).toEqual({ waiting: 0, delayed: 1, active: 0, dead: 0 });
    expect(sut.nextDueAt('q')).toBeGreaterThan(Date.now() + 50_000);

    database.db.prepare('UPDATE durable_queue_messages SET available_at = 0').run();
    const [second] = sut.claim('q', 1, 1000);
    expect(second?.attempts).toBe(2);
    sut.settle([{ ref: second!, action: 'retry', delayMs: 0, reason }]);
    expect(sut.deadLetters('q', { limit: 10 })).toEqual([
      expect.objectContaining({ id: second!.id, body: 'm0', attempts: 2, reason }) as unknown,
    ]);
  });

  it('ignores a settlement whose lease was lost', async () => {
    enqueue(1);
    const [stale] = sut.claim('q', 1, 20);
    await sleep(30);
    const [fresh] = sut.claim('q', 1, 1000);
    expect(fresh?.attempts).toBe(2);
    sut.settle([{ ref: stale!, action: 'ack' }]);
    expect(sut.stats('q').active).toBe(1);
    sut.settle([{ ref: fresh!, action: 'ack' }]);
    expect(sut.stats('q').active).toBe(0);
  });

  it('sends an expired lease to dead letter when its attempts are exhausted', async () => {
    enqueue(1, { maxAttempts: 1 });
    sut.claim('q', 1, 10);
    await sleep(20);
    expect(sut.claim('q', 1, 10)).toEqual([]);
    expect(sut.deadLetters('q', { limit: 10 })[0]?.reason.code).toBe('LEASE_EXPIRED');
  });

  it('replays a dead letter with fresh attempts and wakes listeners', async () => {
    enqueue(1, { maxAttempts: 1 });
    const [message] = sut.claim('q', 1, 1000);
    sut.settle([{ ref: message!, action: 'dead', reason }]);
    const woken = jest.fn();
    sut.onEnqueued(woken);
    expect(sut.replay(message!.id)).toBe(true);
    expect(sut.replay(message!.id)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toHaveBeenCalledWith('q');
    expect(sut.claim('q', 1, 1000)[0]?.attempts).toBe(1);
  });

  it('wakes listeners after the enqueue returns, not inline', async () => {
    const woken = jest.fn();
    sut.onEnqueued(woken);
    enqueue(3);
    expect(woken).not.toHaveBeenCalled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toHaveBeenCalledTimes(1);
  });

  it('purges ready messages only, and deletes a queue whole', () => {
    enqueue(3);
    const [leased] = sut.claim('q', 1, 1000);
    sut.settle([{ ref: leased!, action: 'dead', reason }]);
    sut.claim('q', 1, 1000);
    expect(sut.purge('q')).toBe(1);
    expect(sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 1, dead: 1 });
    expect(sut.deleteQueue('q')).toBe(2);
    expect(sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
  });

  it('rejects a malformed message id', () => {
    expect(errorOf(() => sut.replay('12abc'))).toMatchObject({
      code: 'QUEUE_INVALID_MESSAGE_ID',
      category: 'validation',
    });
  });
});

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
