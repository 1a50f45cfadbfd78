export { Cache } from './cache.port';
export type { CacheSetOptions, CacheValue, LockHandle, LockOptions } from './cache.types';
export { InvalidCacheRequestError, LockLostError, LockTimeoutError } from './errors/cache.error';
export { CacheModule } from './cache.module';
export { MemoryCache } from './adapters/memory-cache.adapter';
export { describeCacheContract } from './testing/cache.contract';
export type { CacheHarness } from './testing/cache.contract';
export { probeRedis } from './adapters/redis-probe.util';
export { openRedisCache } from './redis-cache.opener';
