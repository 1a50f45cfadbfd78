import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireTestService } from '@lib/testing';
import { describeCacheContract } from '../testing/cache.contract';
import { RedisCache } from './redis-cache.adapter';

// A key prefix per test, so that runs never see each other's entries; removed afterwards.
describeCacheContract('redis', async () => {
  const url = await requireTestService('redis');
  const prefix = `threatloom-test:${randomUUID()}:`;
  const sut = new RedisCache({ url, prefix, maxEntries: 50 });
  return {
    sut,
    maxEntries: 50,
    cleanup: async () => {
      await sut.close();
      await removeKeys(url, prefix);
    },
  };
});

async function removeKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) {
      await redis.del(...keys);
    }
  } finally {
    await redis.quit();
  }
}
