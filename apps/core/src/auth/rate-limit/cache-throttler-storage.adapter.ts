import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Cache } from '@lib/cache';

type Window = { hits: number; resetAt: number; blockedUntil: number };
type ThrottlerRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * The throttler's hit counters in the Cache port, so that replicas count one client's requests
 * together: a fixed window per key, and a block once the limit is passed.
 */
export class CacheThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly cache: Cache) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerRecord> {
    const cacheKey = `auth:throttle:${throttlerName}:${key}`;
    return this.cache.withLock(
      [cacheKey],
      async () => {
        const now = Date.now();
        const stored = (await this.cache.get(cacheKey)) as Window | undefined;
        const current =
          stored && (stored.resetAt > now || stored.blockedUntil > now)
            ? stored
            : { hits: 0, resetAt: now + ttl, blockedUntil: 0 };
        const hits = current.blockedUntil > now ? current.hits : current.hits + 1;
        const blockedUntil =
          current.blockedUntil > now
            ? current.blockedUntil
            : hits > limit
              ? now + blockDuration
              : 0;
        const next: Window = { hits, resetAt: current.resetAt, blockedUntil };
        const keepMs = Math.max(next.resetAt, next.blockedUntil) - now;
        await this.cache.set(cacheKey, next, { ttlMs: Math.max(1, keepMs) });
        return {
          totalHits: hits,
          timeToExpire: Math.max(0, Math.ceil((next.resetAt - now) / 1000)),
          isBlocked: blockedUntil > now,
          timeToBlockExpire: Math.max(0, Math.ceil((blockedUntil - now) / 1000)),
        };
      },
      { ttlMs: 5_000, waitMs: 5_000 },
    );
  }
}
