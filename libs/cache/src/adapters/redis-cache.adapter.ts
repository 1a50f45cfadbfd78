import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { OnModuleDestroy } from '@nestjs/common';
import type { RedisConfig } from '@lib/config';
import { Cache } from '../cache.port';
import type { CacheSetOptions, CacheValue, LockHandle, LockOptions } from '../cache.types';
import { InvalidCacheRequestError, LockLostError, LockTimeoutError } from '../errors/cache.error';
import { assertIntegers, assertKeys, serialize } from './cache-requests';
import { redisFailure } from './redis-failure.util';
import {
  ACQUIRE_LOCKS,
  DELETE_ENTRIES,
  EXTEND_LOCKS,
  GET_ENTRIES,
  RELEASE_LOCKS,
  SET_ENTRY,
} from './redis-cache.scripts';

export type RedisCacheConfig = RedisConfig & { maxEntries: number };

// Retry pause of a waiting locker: short, jittered so that waiters do not poll in step.
const LOCK_POLL_MS = { min: 5, max: 25 };

/**
 * Cache entries and locks in Redis (distributed profile), shared by every replica. Entries are
 * JSON text; the least recently used are evicted past `maxEntries` (an index by last use, kept
 * by Lua scripts). Locks are keys with a ttl holding a fencing token from one counter, taken all
 * at once by a script, released only by their holder.
 */
export class RedisCache extends Cache implements OnModuleDestroy {
  private readonly redis: Redis;
  private readonly entryPrefix: string;
  private readonly lruKey: string;
  private readonly seqKey: string;
  private readonly lockPrefix: string;
  private readonly fenceKey: string;

  constructor(private readonly config: RedisCacheConfig) {
    super();
    this.redis = new Redis(config.url, { maxRetriesPerRequest: 2, lazyConnect: false });
    // A failing connection is reported by the commands that need it (as CACHE_UNAVAILABLE).
    this.redis.on('error', () => undefined);
    this.entryPrefix = `${config.prefix}cache:entry:`;
    this.lruKey = `${config.prefix}cache:lru`;
    this.seqKey = `${config.prefix}cache:seq`;
    this.lockPrefix = `${config.prefix}lock:`;
    this.fenceKey = `${config.prefix}lock:fencing-token`;
  }

  async get(key: string): Promise<CacheValue | undefined> {
    assertKeys([key]);
    return (await this.getMany([key])).get(key);
  }

  async getMany(keys: readonly string[]): Promise<Map<string, CacheValue>> {
    assertKeys(keys);
    const found = new Map<string, CacheValue>();
    if (keys.length === 0) {
      return found;
    }
    const values = (await this.run('Cache read', () =>
      this.redis.eval(GET_ENTRIES, 2, this.lruKey, this.seqKey, this.entryPrefix, ...keys),
    )) as (string | null)[];
    keys.forEach((key, i) => {
      const text = values[i];
      if (typeof text === 'string') {
        found.set(key, JSON.parse(text) as CacheValue);
      }
    });
    return found;
  }

  async set(key: string, value: CacheValue, options: CacheSetOptions = {}): Promise<void> {
    assertKeys([key]);
    const { ttlMs } = options;
    if (ttlMs !== undefined) {
      assertIntegers({ ttlMs }, 1);
    }
    const text = serialize(key, value);
    await this.run('Cache write', () =>
      this.redis.eval(
        SET_ENTRY,
        2,
        this.lruKey,
        this.seqKey,
        this.entryPrefix,
        key,
        text,
        ttlMs === undefined ? '' : String(ttlMs),
        String(this.config.maxEntries),
      ),
    );
  }

  async delete(...keys: string[]): Promise<void> {
    assertKeys(keys);
    if (keys.length > 0) {
      await this.run('Cache delete', () =>
        this.redis.eval(DELETE_ENTRIES, 1, this.lruKey, this.entryPrefix, ...keys),
      );
    }
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
    const lockKeys = sorted.map((key) => `${this.lockPrefix}${key}`);
    const token = await this.acquire(lockKeys, options);
    if (token === undefined) {
      throw new LockTimeoutError(sorted, options.waitMs);
    }
    const handle: LockHandle = {
      keys: sorted,
      fencingToken: token,
      extend: async (ttlMs = options.ttlMs) => {
        assertIntegers({ ttlMs }, 1);
        const held = await this.run('Lock extension', () =>
          this.redis.eval(EXTEND_LOCKS, lockKeys.length, ...lockKeys, String(token), String(ttlMs)),
        );
        if (held !== 1) {
          throw new LockLostError(sorted);
        }
      },
    };
    try {
      return await fn(handle);
    } finally {
      await this.run('Lock release', () =>
        this.redis.eval(RELEASE_LOCKS, lockKeys.length, ...lockKeys, String(token)),
      );
    }
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.redis.quit();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async acquire(lockKeys: readonly string[], options: LockOptions) {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const token = await this.run('Lock acquisition', () =>
        this.redis.eval(
          ACQUIRE_LOCKS,
          lockKeys.length + 1,
          this.fenceKey,
          ...lockKeys,
          String(options.ttlMs),
        ),
      );
      if (typeof token === 'number' && token > 0) {
        return token;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        return undefined;
      }
      const jitter = LOCK_POLL_MS.min + Math.random() * (LOCK_POLL_MS.max - LOCK_POLL_MS.min);
      await sleep(Math.min(left, jitter));
    }
  }

  private async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw redisFailure(error, what);
    }
  }
}
