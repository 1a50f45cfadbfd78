import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Test } from '@nestjs/testing';
import { requireTestService } from '@lib/testing';
import { BullMqJobQueue } from './adapters/bullmq-job-queue.adapter';
import { JobQueueModule } from './job-queue.module';
import { JobQueue } from './job-queue.port';

describe(`${JobQueueModule.name} (bullmq driver)`, () => {
  it('provides the BullMQ adapter, closed with the application', async () => {
    const url = await requireTestService('redis');
    const prefix = `threatloom-test:${randomUUID()}:`;
    const app = await Test.createTestingModule({
      imports: [JobQueueModule.forRoot({ driver: 'bullmq', redis: { url, prefix } })],
    }).compile();
    const sut = app.get(JobQueue);
    expect(sut).toBeInstanceOf(BullMqJobQueue);
    await sut.enqueue('q', 'n', { x: 1 });
    expect(await sut.stats('q')).toEqual({ waiting: 1, delayed: 0, active: 0, dead: 0 });
    await app.close();
    const redis = new Redis(url);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();
  });
});
