import { LRUCache } from 'lru-cache';
import type { CacheConfig } from '@lib/config';
import { Cache } from '../cache.port';
import type { CacheSetOptions, CacheValue, LockHandle, LockOptions } from '../cache.types';
import { InvalidCacheRequestError, LockLostError, LockTimeoutError } from '../errors/cache.error';
import { assertIntegers, assertKeys, attempt, serialize } from './cache-requests';
import { MemoryLockTable } from './memory-lock-table';

/** Cache entries in an in-process LRU, locks in an in-process table (embedded profile). */
export class MemoryCache extends Cache {
  // Values are kept as JSON text, so callers never share (and mutate) a cached object.
  private readonly entries: LRUCache<string, string>;
  private readonly locks = new MemoryLockTable();

  constructor(config: Extract<CacheConfig, { driver: 'memory' }>['memory']) {
    super();
    this.entries = new LRUCache({ max: config.maxEntries });
  }

  get(key: string): Promise<CacheValue | undefined> {
    return attempt(() => {
      assertKeys([key]);
      const text = this.entries.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as CacheValue);
    });
  }

  getMany(keys: readonly string[]): Promise<Map<string, CacheValue>> {
    return attempt(() => {
      assertKeys(keys);
      const found = new Map<string, CacheValue>();
      for (const key of keys) {
        const text = this.entries.get(key);
        if (text !== undefined) {
          found.set(key, JSON.parse(text) as CacheValue);
        }
      }
      return found;
    });
  }

  set(key: string, value: CacheValue, options: CacheSetOptions = {}): Promise<void> {
    return attempt(() => {
      assertKeys([key]);
      const { ttlMs } = options;
      if (ttlMs !== undefined) {
        assertIntegers({ ttlMs }, 1);
      }
      this.entries.set(key, serialize(key, value), ttlMs === undefined ? {} : { ttl: ttlMs });
    });
  }

  delete(...keys: string[]): Promise<void> {
    return attempt(() => {
      assertKeys(keys);
      keys.forEach((key) => this.entries.delete(key));
    });
  }

  async withLock<T>(
    keys: readonly string[],
    fn: (lock: LockHandle) => Promise<T>,
    options: LockOptions,
  ): Promise<T> {
    assertKeys(keys);
    assertIntegers({ ttlMs: options.ttlMs }, 1);
    assertIntegers({ waitMs: options.waitMs }, 0);
    if (keys.length === 0) {
      throw new InvalidCacheRequestError('withLock needs at least one key', {});
    }
    const sorted = [...new Set(keys)].sort();
    const token = await this.locks.acquire(sorted, options.ttlMs, options.waitMs);
    if (token === undefined) {
      throw new LockTimeoutError(sorted, options.waitMs);
    }
    const handle: LockHandle = {
      keys: sorted,
      fencingToken: token,
      extend: (ttlMs = options.ttlMs) =>
        this.locks.extend(sorted, token, ttlMs)
          ? Promise.resolve()
          : Promise.reject(new LockLostError(sorted)),
    };
    try {
      return await fn(handle);
    } finally {
      this.locks.release(sorted, token);
    }
  }
}
