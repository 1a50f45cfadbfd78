import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Test } from '@nestjs/testing';
import { requireTestService } from '@lib/testing';
import { RedisEventStream } from './adapters/redis-event-stream.adapter';
import { EventStreamModule } from './event-stream.module';
import { EventStream } from './event-stream.port';

describe(`${EventStreamModule.name} (redis driver)`, () => {
  it('provides the Redis adapter, closed with the application', async () => {
    const url = await requireTestService('redis');
    const prefix = `threatloom-test:${randomUUID()}:`;
    const app = await Test.createTestingModule({
      imports: [
        EventStreamModule.forRoot({
          driver: 'redis',
          maxEvents: 100,
          redis: { url, prefix, trim: 'approximate' },
        }),
      ],
    }).compile();
    const sut = app.get(EventStream);
    expect(sut).toBeInstanceOf(RedisEventStream);
    expect(await sut.info()).toMatchObject({ size: 0 });
    await app.close();
    await expect(sut.lastEventId()).rejects.toMatchObject({ category: 'unavailable' });
    const redis = new Redis(url);
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
    await redis.quit();
  });
});
