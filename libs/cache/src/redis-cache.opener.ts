import type { CacheConfig } from '@lib/config';
import type { Cache } from './cache.port';

/**
 * A Redis-backed cache outside Nest (tests, tools), ioredis loaded only when called; `close` it.
 */
export async function openRedisCache(
  config: Extract<CacheConfig, { driver: 'redis' }>['redis'],
): Promise<Cache & { close(): Promise<void> }> {
  const { RedisCache } = await import('./adapters/redis-cache.adapter.js');
  return new RedisCache(config);
}
