import { AppError } from '@lib/kernel';
import type { JobQueue } from '../job-queue.port';
import type { ConsumeOptions, Job, JobConsumer, JobHandler } from '../job-queue.types';

/**
 * What a JobQueue adapter's test runner provides. `make()` must configure short timings (retry
 * backoff of at most ~50 ms, idle polls of at most ~100 ms) so that the suite stays fast.
 */
export type JobQueueHarness = {
  sut: JobQueue;
  /** A new adapter instance on the same storage, as another process or after a restart. */
  reopen(): Promise<JobQueue>;
  /** Stops every instance made by this harness and removes the storage. */
  cleanup(): Promise<void>;
};

const unavailable = () =>
  new AppError({ code: 'TEST_DOWN', category: 'unavailable', message: 'try later' });
const invalid = () =>
  new AppError({ code: 'TEST_INVALID', category: 'validation', message: 'bad job' });

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function deferred() {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** The behaviour every JobQueue adapter must show; run it from each adapter's contract-spec. */
export function describeJobQueueContract(name: string, make: () => Promise<JobQueueHarness>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let harness: JobQueueHarness;
    let sut: JobQueue;
    let consumers: JobConsumer[];
    let releases: (() => void)[];

    const consume = async (
      queue: string,
      handler: JobHandler,
      options: ConsumeOptions,
      on = sut,
    ) => {
      const consumer = await on.consume(queue, handler, options);
      consumers.push(consumer);
      return consumer;
    };
    const recorder = (fail?: (job: Job) => unknown) => {
      const seen: Job[] = [];
      const batches: number[] = [];
      const handler: JobHandler = (jobs) => {
        seen.push(...jobs);
        batches.push(jobs.length);
        const failures = new Map<string, unknown>();
        jobs.forEach((job) => {
          const error = fail?.(job);
          if (error !== undefined) {
            failures.set(job.id, error);
          }
        });
        return Promise.resolve(failures);
      };
      return { seen, batches, handler };
    };

    beforeEach(async () => {
      harness = await make();
      sut = harness.sut;
      consumers = [];
      releases = [];
    });

    afterEach(async () => {
      releases.forEach((release) => release());
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await harness.cleanup();
    });

    it('delivers asynchronously, never inline with enqueue, with name and payload intact', async () => {
      const { seen, handler } = recorder();
      await consume('q', handler, { batchSize: 10 });
      const payload = { text: 'héllo ✓', n: 1.5, list: [1, null, true], nested: { a: {} } };
      const enqueued = sut.enqueue('q', 'greet', payload);
      expect(seen).toHaveLength(0);
      const id = await enqueued;
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ id, queue: 'q', name: 'greet', payload, attempt: 1 });
      expect(Number.isNaN(Date.parse(seen[0]?.enqueuedAt ?? ''))).toBe(false);
    });

    it('hands out batches of at most batchSize', async () => {
      const drafts = Array.from({ length: 10 }, (_, i) => ({ name: 'n', payload: i }));
      const ids = await sut.enqueueMany('q', drafts);
      expect(new Set(ids).size).toBe(10);
      const { seen, batches, handler } = recorder();
      await consume('q', handler, { batchSize: 4 });
      await waitFor(() => seen.length === 10);
      expect(Math.max(...batches)).toBeLessThanOrEqual(4);
      expect(Math.max(...batches)).toBeGreaterThan(1);
      expect(seen.map((job) => job.payload).sort((a, b) => Number(a) - Number(b))).toEqual(
        drafts.map((draft) => draft.payload),
      );
    });

    it('runs up to `concurrency` batches at once and never more', async () => {
      await sut.enqueueMany(
        'q',
        [1, 2, 3, 4].map((payload) => ({ name: 'n', payload })),
      );
      let running = 0;
      let peak = 0;
      let done = 0;
      const gate = deferred();
      releases.push(gate.release);
      await consume(
        'q',
        async () => {
          running += 1;
          peak = Math.max(peak, running);
          await gate.promise;
          running -= 1;
          done += 1;
        },
        { batchSize: 1, concurrency: 2 },
      );
      await waitFor(() => running === 2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(peak).toBe(2);
      gate.release();
      await waitFor(() => done === 4);
      expect(peak).toBe(2);
    });

    it('settles each job of a batch on its own: the failed one goes to dead letter, the rest is acked', async () => {
      await sut.enqueueMany(
        'q',
        ['a', 'b', 'c'].map((payload) => ({ name: 'n', payload })),
      );
      const { seen, handler } = recorder((job) => (job.payload === 'b' ? invalid() : undefined));
      await consume('q', handler, { batchSize: 3 });
      await waitFor(async () => (await sut.stats('q')).dead === 1);
      expect(seen).toHaveLength(3);
      expect(await sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 1 });
      const [dead] = await sut.listDeadLetters('q');
      expect(dead).toMatchObject({
        queue: 'q',
        name: 'n',
        payload: 'b',
        attempts: 1,
        reason: { code: 'TEST_INVALID', message: 'bad job' },
      });
    });

    it('retries an unavailable failure with backoff, then dead-letters it after maxAttempts', async () => {
      await sut.enqueue('q', 'flaky', { x: 1 }, { maxAttempts: 3 });
      const { seen, handler } = recorder(() => unavailable());
      await consume('q', handler, { batchSize: 1 });
      await waitFor(async () => (await sut.listDeadLetters('q')).length === 1);
      expect(seen.map((job) => job.attempt)).toEqual([1, 2, 3]);
      expect(seen.every((job) => job.maxAttempts === 3)).toBe(true);
      const [dead] = await sut.listDeadLetters('q');
      expect(dead).toMatchObject({
        attempts: 3,
        reason: { code: 'TEST_DOWN', message: 'try later' },
      });
      expect(Date.parse(dead?.failedAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(dead?.enqueuedAt ?? ''),
      );
    });

    it('applies the same outcome to every job when the handler throws', async () => {
      await sut.enqueueMany('q', [
        { name: 'n', payload: 1 },
        { name: 'n', payload: 2 },
      ]);
      let calls = 0;
      await consume(
        'q',
        () => {
          calls += 1;
          return Promise.reject(new Error('handler crashed'));
        },
        { batchSize: 2 },
      );
      await waitFor(async () => (await sut.stats('q')).dead === 2);
      expect(calls).toBe(1);
      const reasons = (await sut.listDeadLetters('q')).map((dead) => dead.reason.message);
      expect(reasons).toEqual(['handler crashed', 'handler crashed']);
    });

    it('dead-letters a non-retryable failure at once, whatever maxAttempts says', async () => {
      await sut.enqueueMany('q', [
        { name: 'bad', payload: 'validation', maxAttempts: 5 },
        { name: 'bad', payload: 'plain', maxAttempts: 5 },
      ]);
      const { seen, handler } = recorder((job) =>
        job.payload === 'validation' ? invalid() : new Error('plain error'),
      );
      await consume('q', handler, { batchSize: 2 });
      await waitFor(async () => (await sut.stats('q')).dead === 2);
      expect(seen.map((job) => job.attempt)).toEqual([1, 1]);
      const dead = await sut.listDeadLetters('q');
      expect(dead.map((letter) => letter.attempts)).toEqual([1, 1]);
      expect(dead.map((letter) => letter.reason.message).sort()).toEqual([
        'bad job',
        'plain error',
      ]);
    });

    it('replays a dead letter with fresh attempts, once', async () => {
      await sut.enqueue('q', 'n', 'p', { maxAttempts: 1 });
      let fail = true;
      const { seen, handler } = recorder(() => (fail ? invalid() : undefined));
      await consume('q', handler, { batchSize: 1 });
      await waitFor(async () => (await sut.stats('q')).dead === 1);
      const [dead] = await sut.listDeadLetters('q');
      fail = false;
      await sut.replay(dead?.id ?? '');
      await waitFor(() => seen.length === 2);
      expect(seen[1]).toMatchObject({ name: 'n', payload: 'p', attempt: 1 });
      await waitFor(async () => (await sut.stats('q')).active === 0);
      expect(await sut.listDeadLetters('q')).toEqual([]);
      await expect(sut.replay(dead?.id ?? '')).rejects.toMatchObject({
        code: 'JOB_DEAD_LETTER_NOT_FOUND',
        category: 'not_found',
      });
      await expect(sut.replay('no-such-id')).rejects.toMatchObject({ category: 'not_found' });
    });

    it('does not run a delayed job before its time', async () => {
      const enqueuedAt = Date.now();
      await sut.enqueue('q', 'later', null, { delayMs: 300 });
      await sut.enqueue('q', 'now', null);
      const ranAt = new Map<string, number>();
      await consume(
        'q',
        (jobs) => {
          jobs.forEach((job) => ranAt.set(job.name, Date.now()));
          return Promise.resolve();
        },
        { batchSize: 10 },
      );
      await waitFor(() => ranAt.has('now'));
      expect(await sut.stats('q')).toMatchObject({ delayed: 1 });
      await waitFor(() => ranAt.has('later'));
      expect((ranAt.get('later') ?? 0) - enqueuedAt).toBeGreaterThanOrEqual(290);
      expect((ranAt.get('now') ?? Infinity) - enqueuedAt).toBeLessThan(300);
    });

    it('redelivers a job whose consumer died after its lease expired, counting an attempt', async () => {
      await sut.enqueue('q', 'n', 'p');
      const stuck = deferred();
      releases.push(stuck.release);
      let firstDelivery: Job | undefined;
      await consume(
        'q',
        async (jobs) => {
          firstDelivery = jobs[0];
          await stuck.promise;
        },
        { batchSize: 1, leaseMs: 150 },
      );
      await waitFor(() => firstDelivery !== undefined);
      const other = await harness.reopen();
      const { seen, handler } = recorder();
      await consume('q', handler, { batchSize: 1, leaseMs: 5000 }, other);
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ id: firstDelivery?.id, payload: 'p', attempt: 2 });
      stuck.release();
      await waitFor(async () => (await sut.stats('q')).active === 0);
      expect(await sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
    });

    it('dead-letters a poison job whose every consumer dies, once its attempts are spent', async () => {
      await sut.enqueue('q', 'poison', null, { maxAttempts: 2 });
      const stuck = deferred();
      releases.push(stuck.release);
      let deliveries = 0;
      const hang: JobHandler = async () => {
        deliveries += 1;
        await stuck.promise;
      };
      await consume('q', hang, { batchSize: 1, leaseMs: 100 });
      await waitFor(() => deliveries === 1);
      await consume('q', hang, { batchSize: 1, leaseMs: 100 }, await harness.reopen());
      await waitFor(async () => (await sut.listDeadLetters('q')).length === 1);
      expect(deliveries).toBe(2);
      const [dead] = await sut.listDeadLetters('q');
      expect(dead).toMatchObject({
        name: 'poison',
        attempts: 2,
        reason: { code: 'LEASE_EXPIRED' },
      });
    });

    it('drains the batch in flight on stop(), then takes no more jobs', async () => {
      await sut.enqueue('q', 'n', 1);
      const gate = deferred();
      releases.push(gate.release);
      let started = 0;
      let finished = 0;
      const consumer = await consume(
        'q',
        async () => {
          started += 1;
          await gate.promise;
          finished += 1;
        },
        { batchSize: 1 },
      );
      await waitFor(() => started === 1);
      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stopped).toBe(false);
      gate.release();
      await stopping;
      expect(finished).toBe(1);
      await sut.enqueue('q', 'n', 2);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(started).toBe(1);
      expect(await sut.stats('q')).toEqual({ waiting: 1, delayed: 0, active: 0, dead: 0 });
    });

    it('counts jobs by state', async () => {
      expect(await sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
      await sut.enqueueMany('q', [
        { name: 'n', payload: 1 },
        { name: 'n', payload: 2 },
        { name: 'n', payload: 3, delayMs: 60_000 },
      ]);
      expect(await sut.stats('q')).toEqual({ waiting: 2, delayed: 1, active: 0, dead: 0 });
      const gate = deferred();
      releases.push(gate.release);
      await consume('q', () => gate.promise, { batchSize: 1 });
      await waitFor(async () => (await sut.stats('q')).active === 1);
      expect(await sut.stats('q')).toEqual({ waiting: 1, delayed: 1, active: 1, dead: 0 });
      expect(await sut.stats('other')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
    });

    it('keeps jobs across a restart: another instance on the same storage consumes them', async () => {
      await sut.enqueue('q', 'durable', { keep: true });
      const restarted = await harness.reopen();
      expect(await restarted.stats('q')).toMatchObject({ waiting: 1 });
      const { seen, handler } = recorder();
      await consume('q', handler, { batchSize: 5 }, restarted);
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ name: 'durable', payload: { keep: true }, attempt: 1 });
    });

    it('keeps queues apart', async () => {
      await sut.enqueue('a', 'n', 'for a');
      await sut.enqueue('b', 'n', 'for b');
      const { seen, handler } = recorder();
      await consume('a', handler, { batchSize: 5 });
      await waitFor(() => seen.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen.map((job) => job.payload)).toEqual(['for a']);
      expect(await sut.stats('b')).toMatchObject({ waiting: 1 });
    });

    it('rejects payloads that are not plain JSON, naming where', async () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const bad: unknown[] = [
        { a: undefined },
        { f: () => 1 },
        [1, Number.NaN],
        { when: new Date() },
        cyclic,
        10n,
      ];
      for (const payload of bad) {
        await expect(sut.enqueue('q', 'n', payload as never)).rejects.toMatchObject({
          code: 'JOB_INVALID_PAYLOAD',
          category: 'validation',
        });
      }
      await expect(sut.enqueue('q', 'n', { deep: [{ x: undefined }] } as never)).rejects.toThrow(
        '$.deep[0].x',
      );
      await expect(sut.enqueue('q', '', 1)).rejects.toMatchObject({ category: 'validation' });
      await expect(sut.enqueue('q', 'n', 1, { maxAttempts: 0 })).rejects.toMatchObject({
        category: 'validation',
      });
      expect(await sut.stats('q')).toEqual({ waiting: 0, delayed: 0, active: 0, dead: 0 });
    });

    it('enqueues a batch all or nothing', async () => {
      await expect(
        sut.enqueueMany('q', [
          { name: 'n', payload: 1 },
          { name: 'n', payload: { bad: undefined } as never },
        ]),
      ).rejects.toMatchObject({ category: 'validation' });
      expect(await sut.stats('q')).toMatchObject({ waiting: 0 });
    });
  });
}
