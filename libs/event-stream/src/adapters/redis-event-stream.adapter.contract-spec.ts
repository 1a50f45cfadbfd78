import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { requireTestService } from '@lib/testing';
import { describeEventStreamContract } from '../testing/event-stream.contract';
import type { EventStreamHarness } from '../testing/event-stream.contract';
import { RedisEventStream } from './redis-event-stream.adapter';

const maxEvents = 60;
// Redis' default stream-node-max-entries: MAXLEN ~ keeps at most one node more than asked.
const NODE_SIZE = 100;

// A key prefix per test, so that runs never see each other's stream; removed afterwards.
const harness = (trim: 'approximate' | 'exact') => async (): Promise<EventStreamHarness> => {
  const url = await requireTestService('redis');
  const prefix = `threatloom-test:${randomUUID()}:`;
  const open: RedisEventStream[] = [];
  const instance = () => {
    const stream = new RedisEventStream(
      { driver: 'redis', maxEvents, redis: { url, prefix, trim } },
      { blockMs: 1000, pageSize: 7 },
    );
    open.push(stream);
    return stream;
  };
  return {
    sut: instance(),
    maxEvents,
    trimSlack: trim === 'exact' ? 0 : NODE_SIZE,
    reopen: async () => {
      const stream = instance();
      await stream.ready();
      return stream;
    },
    cleanup: async () => {
      await Promise.all(open.map((stream) => stream.close()));
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
};

describeEventStreamContract('redis (exact trim)', harness('exact'));
describeEventStreamContract('redis (approximate trim)', harness('approximate'));
