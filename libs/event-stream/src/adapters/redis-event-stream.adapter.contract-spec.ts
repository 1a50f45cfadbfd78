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
      { blockMs: 1000, pageSize: 7, retryDelayMs: 50, onError: () => undefined },
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

describe(`${RedisEventStream.name} across a lost connection`, () => {
  it("goes on tailing after Redis dropped the subscriber's connection", async () => {
    const { sut, cleanup } = await harness('exact')();
    const stream = sut as RedisEventStream;
    const controller = new AbortController();
    const redis = new Redis(await requireTestService('redis'));
    try {
      const iterator = stream.subscribe({ signal: controller.signal })[Symbol.asyncIterator]();
      const first = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await stream.append([event('before')]);
      expect((await first).value).toMatchObject({ data: { name: 'before' } });
      const next = iterator.next();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const clients = (await redis.client('LIST')) as string;
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(` name=${stream.readerName} `))
        .map((line) => /id=(\d+)/.exec(line)?.[1] ?? '');
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        await redis.client('KILL', 'ID', id);
      }
      await stream.append([event('after')]);
      expect((await next).value).toMatchObject({ data: { name: 'after' } });
    } finally {
      controller.abort();
      await redis.quit();
      await cleanup();
    }
  });
});

function event(name: string) {
  return {
    type: 'create' as const,
    scope: 'external' as const,
    elementId: name,
    entityType: 'Malware',
    origin: {},
    message: name,
    data: { id: `malware--${name}`, type: 'malware', name },
  };
}
