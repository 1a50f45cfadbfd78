import type { Cache } from '../cache.port';
import type { CacheValue, LockHandle } from '../cache.types';

/** What a Cache adapter's test runner provides. */
export type CacheHarness = {
  sut: Cache;
  /** The entry bound the adapter was configured with (kept small, e.g. 50). */
  maxEntries: number;
  cleanup(): Promise<void>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deferred() {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** The behaviour every Cache adapter must show; run it from each adapter's contract-spec. */
export function describeCacheContract(name: string, make: () => Promise<CacheHarness>): void {
  describe(`Cache contract: ${name}`, () => {
    let harness: CacheHarness;
    let sut: Cache;
    let releases: (() => void)[];

    beforeEach(async () => {
      harness = await make();
      sut = harness.sut;
      releases = [];
    });

    afterEach(async () => {
      releases.forEach((release) => release());
      await harness.cleanup();
    });

    describe('entries', () => {
      it('stores copies of JSON values', async () => {
        const value = { name: 'Émotet', tags: ['a', 1, null, true], nested: { n: 2.5 } };
        await sut.set('k', value);
        value.tags.push('mutated');
        const read = await sut.get('k');
        expect(read).toEqual({ name: 'Émotet', tags: ['a', 1, null, true], nested: { n: 2.5 } });
        (read as { name: string }).name = 'changed';
        expect(await sut.get('k')).toMatchObject({ name: 'Émotet' });
        expect(await sut.get('absent')).toBeUndefined();
        await sut.set('falsy', 0);
        expect(await sut.get('falsy')).toBe(0);
      });

      it('reads several keys at once, leaving absent ones out', async () => {
        await sut.set('a', 1);
        await sut.set('b', 'two');
        expect(await sut.getMany(['a', 'b', 'c'])).toEqual(
          new Map<string, CacheValue>([
            ['a', 1],
            ['b', 'two'],
          ]),
        );
        expect(await sut.getMany([])).toEqual(new Map());
      });

      it('deletes keys, absent ones included', async () => {
        await sut.set('a', 1);
        await sut.set('b', 2);
        await sut.delete('a', 'b', 'never-set');
        expect(await sut.getMany(['a', 'b'])).toEqual(new Map());
      });

      it('expires an entry after its ttl; an overwrite without ttl keeps it', async () => {
        await sut.set('short', 'x', { ttlMs: 60 });
        await sut.set('kept', 'y', { ttlMs: 60 });
        await sut.set('kept', 'z');
        await sut.set('forever', 'w');
        expect(await sut.get('short')).toBe('x');
        await pause(120);
        expect(await sut.get('short')).toBeUndefined();
        expect(await sut.get('kept')).toBe('z');
        expect(await sut.get('forever')).toBe('w');
      });

      it('keeps at most maxEntries, evicting the least recently used', async () => {
        const max = harness.maxEntries;
        for (let i = 0; i < max; i += 1) {
          await sut.set(`k${i}`, i);
        }
        expect(await sut.get('k0')).toBe(0);
        for (let i = max; i < max + 10; i += 1) {
          await sut.set(`k${i}`, i);
        }
        const all = await sut.getMany(Array.from({ length: max + 10 }, (_, i) => `k${i}`));
        expect(all.size).toBeLessThanOrEqual(max);
        expect(all.get('k0')).toBe(0);
        expect(all.has('k1')).toBe(false);
        expect(all.get(`k${max + 9}`)).toBe(max + 9);
      });

      it('rejects what is not JSON and empty keys', async () => {
        await expect(sut.set('k', undefined as never)).rejects.toMatchObject({
          category: 'validation',
        });
        await expect(sut.set('', 1)).rejects.toMatchObject({ category: 'validation' });
        await expect(sut.set('k', 1, { ttlMs: 0 })).rejects.toMatchObject({
          category: 'validation',
        });
      });
    });

    describe('locks', () => {
      const options = { ttlMs: 2000, waitMs: 2000 };

      it('excludes each other: concurrent read-modify-write never interleaves', async () => {
        let counter = 0;
        let inside = 0;
        let peak = 0;
        await Promise.all(
          Array.from({ length: 20 }, () =>
            sut.withLock(
              ['counter'],
              async () => {
                inside += 1;
                peak = Math.max(peak, inside);
                const read = counter;
                await pause(1);
                counter = read + 1;
                inside -= 1;
              },
              options,
            ),
          ),
        );
        expect(counter).toBe(20);
        expect(peak).toBe(1);
      });

      it('returns what fn returns, rethrows what it throws, and releases in both cases', async () => {
        expect(await sut.withLock(['k'], () => Promise.resolve(42), options)).toBe(42);
        await expect(
          sut.withLock(['k'], () => Promise.reject(new Error('inside')), options),
        ).rejects.toThrow('inside');
        expect(
          await sut.withLock(['k'], () => Promise.resolve('free'), { ttlMs: 1000, waitMs: 0 }),
        ).toBe('free');
      });

      it('waits for a held key, then takes it once released', async () => {
        let releasedAt = 0;
        const first = sut.withLock(
          ['k'],
          async () => {
            await pause(60);
            releasedAt = Date.now();
          },
          options,
        );
        await pause(10);
        const acquiredAt = await sut.withLock(['k'], () => Promise.resolve(Date.now()), options);
        await first;
        expect(acquiredAt).toBeGreaterThanOrEqual(releasedAt);
      });

      it('times out with LOCK_TIMEOUT (unavailable), holding none of the keys meanwhile', async () => {
        const gate = deferred();
        releases.push(gate.release);
        const holder = sut.withLock(['b'], () => gate.promise, options);
        await pause(10);
        const started = Date.now();
        const waiting = sut.withLock(['a', 'b'], () => Promise.resolve('never'), {
          ttlMs: 1000,
          waitMs: 80,
        });
        await pause(20);
        expect(
          await sut.withLock(['a'], () => Promise.resolve('a is free'), { ttlMs: 1000, waitMs: 0 }),
        ).toBe('a is free');
        await expect(waiting).rejects.toMatchObject({
          code: 'LOCK_TIMEOUT',
          category: 'unavailable',
        });
        expect(Date.now() - started).toBeGreaterThanOrEqual(70);
        gate.release();
        await holder;
      });

      it('never deadlocks on overlapping key sets given in any order', async () => {
        let done = 0;
        const sets = [
          ['x', 'y'],
          ['y', 'x'],
          ['y', 'z', 'x'],
          ['z', 'x'],
        ];
        await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            sut.withLock(
              sets[i % sets.length] ?? [],
              async () => {
                await pause(2);
                done += 1;
              },
              options,
            ),
          ),
        );
        expect(done).toBe(12);
      });

      it('lets another caller take a lock whose ttl lapsed; the old holder then loses it', async () => {
        const gate = deferred();
        releases.push(gate.release);
        let oldHandle: LockHandle | undefined;
        const old = sut.withLock(
          ['k'],
          async (lock) => {
            oldHandle = lock;
            await gate.promise;
          },
          { ttlMs: 80, waitMs: 0 },
        );
        await pause(10);
        const gate2 = deferred();
        releases.push(gate2.release);
        let newHandle: LockHandle | undefined;
        const taken = sut.withLock(
          ['k'],
          async (lock) => {
            newHandle = lock;
            await gate2.promise;
          },
          { ttlMs: 5000, waitMs: 2000 },
        );
        while (!newHandle) {
          await pause(5);
        }
        await expect(oldHandle?.extend()).rejects.toMatchObject({ code: 'LOCK_LOST' });
        expect(newHandle.fencingToken).toBeGreaterThan(oldHandle?.fencingToken ?? Infinity);
        gate.release();
        await old;
        // The lapsed holder finishing must not release the new holder's lock.
        await expect(
          sut.withLock(['k'], () => Promise.resolve(), { ttlMs: 1000, waitMs: 0 }),
        ).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
        gate2.release();
        await taken;
      });

      it('keeps a lock whose holder extends it past its ttl', async () => {
        const holder = sut.withLock(
          ['k'],
          async (lock) => {
            for (let i = 0; i < 5; i += 1) {
              await pause(30);
              await lock.extend();
            }
          },
          { ttlMs: 80, waitMs: 0 },
        );
        await pause(120);
        await expect(
          sut.withLock(['k'], () => Promise.resolve(), { ttlMs: 1000, waitMs: 0 }),
        ).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
        await holder;
      });

      it('hands out strictly increasing fencing tokens', async () => {
        const tokens: number[] = [];
        for (const keys of [['k'], ['k'], ['other'], ['k', 'other']]) {
          tokens.push(
            await sut.withLock(keys, (lock) => Promise.resolve(lock.fencingToken), options),
          );
        }
        tokens.reduce((previous, token) => {
          expect(token).toBeGreaterThan(previous);
          return token;
        });
        const keys = await sut.withLock(
          ['b', 'a', 'b'],
          (lock) => Promise.resolve(lock.keys),
          options,
        );
        expect(keys).toEqual(['a', 'b']);
      });

      it('rejects an empty key set', async () => {
        await expect(sut.withLock([], () => Promise.resolve(), options)).rejects.toMatchObject({
          category: 'validation',
        });
      });
    });
  });
}
