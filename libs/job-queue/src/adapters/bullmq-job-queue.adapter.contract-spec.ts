import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireTestService } from '@lib/testing';
import { describeJobQueueContract } from '../testing/job-queue.contract';
import { BullMqJobQueue } from './bullmq-job-queue.adapter';

const fast = {
  pollIntervalMs: 20,
  stalledIntervalMs: 50,
  backoff: { baseMs: 10, maxMs: 50 },
  onError: () => undefined,
};

// A key prefix per test, so that runs never see each other's queues; removed afterwards.
describeJobQueueContract('bullmq', async () => {
  const url = await requireTestService('redis');
  const prefix = `threatloom-test:${randomUUID()}:`;
  const open: BullMqJobQueue[] = [];
  const instance = () => {
    const queue = new BullMqJobQueue({ url, prefix }, fast);
    open.push(queue);
    return queue;
  };
  return {
    sut: instance(),
    reopen: () => Promise.resolve(instance()),
    cleanup: async () => {
      await Promise.all(open.map((queue) => queue.close()));
      const redis = new Redis(url);
      try {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      } finally {
        await redis.quit();
      }
    },
  };
});
