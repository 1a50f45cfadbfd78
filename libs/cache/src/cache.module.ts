import { Global, Module } from '@nestjs/common';
import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import type { CacheConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { MemoryCache } from './adapters/memory-cache.adapter';
import { Cache } from './cache.port';

/** Provides the Cache port with the adapter the config names. */
@Global()
@Module({})
export class CacheModule {
  static forRoot(config: CacheConfig): DynamicModule {
    return { module: CacheModule, providers: [cacheProvider(config)], exports: [Cache] };
  }
}

function cacheProvider(config: CacheConfig): FactoryProvider<Cache> {
  switch (config.driver) {
    case 'memory':
      return { provide: Cache, useFactory: () => new MemoryCache(config.memory) };
    case 'redis':
      // The adapter (and ioredis) is loaded only when this driver is configured.
      return {
        provide: Cache,
        useFactory: async () => {
          const { RedisCache } = await import('./adapters/redis-cache.adapter.js');
          return new RedisCache(config.redis);
        },
      };
    default:
      return assertNever(config, 'cache driver');
  }
}
