import type { CacheSetOptions, CacheValue, LockHandle, LockOptions } from './cache.types';

/**
 * Cache entries (JSON values, optionally expiring, bounded) and locks. In the distributed
 * profile both are shared by every process; in the embedded one they live in the process.
 */
export abstract class Cache {
  /** The value of `key`, or undefined when absent or expired. */
  abstract get(key: string): Promise<CacheValue | undefined>;

  /** The values of the keys present, in one round-trip. */
  abstract getMany(keys: readonly string[]): Promise<Map<string, CacheValue>>;

  /** Stores a copy of `value` (a validation error if it is not JSON). */
  abstract set(key: string, value: CacheValue, options?: CacheSetOptions): Promise<void>;

  /** Removes the keys (absent ones are ignored). */
  abstract delete(...keys: string[]): Promise<void>;

  /**
   * Runs `fn` holding locks on all `keys` (taken all at once, never some of them, so callers
   * locking overlapping sets in any order cannot deadlock), and releases them when it settles.
   * Waits up to `waitMs`, then throws `LOCK_TIMEOUT` (unavailable, so a job retries). A lock
   * lapses after `ttlMs` unless extended; `fn` should then stop (its handle's `extend` throws).
   */
  abstract withLock<T>(
    keys: readonly string[],
    fn: (lock: LockHandle) => Promise<T>,
    options: LockOptions,
  ): Promise<T>;
}
