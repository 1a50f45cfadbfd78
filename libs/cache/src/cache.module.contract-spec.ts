import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { requireTestService } from '@lib/testing';
import { RedisCache } from './adapters/redis-cache.adapter';
import { CacheModule } from './cache.module';
import { Cache } from './cache.port';

describe(`${CacheModule.name} (redis driver)`, () => {
  it('provides the Redis adapter, closed with the application', async () => {
    const url = await requireTestService('redis');
    const prefix = `threatloom-test:${randomUUID()}:`;
    const app = await Test.createTestingModule({
      imports: [CacheModule.forRoot({ driver: 'redis', redis: { url, prefix, maxEntries: 10 } })],
    }).compile();
    const sut = app.get(Cache);
    expect(sut).toBeInstanceOf(RedisCache);
    await sut.set('k', { v: 1 }, { ttlMs: 5000 });
    expect(await sut.get('k')).toEqual({ v: 1 });
    await sut.delete('k');
    await app.close();
    await expect(sut.get('k')).rejects.toMatchObject({ category: 'unavailable' });
  });
});
