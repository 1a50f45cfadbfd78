import type { Channel, ConsumeMessage } from 'amqplib';
import type { BusDelivery } from '../connector-bus.types';
import { RabbitMqBusConsumer } from './rabbitmq-bus-consumer';
import type { HeldDeliveries } from './rabbitmq-held-deliveries';

type Deliver = (message: ConsumeMessage | null) => void;

/** A consumer on a scripted channel: `deliver(n)` pushes n messages as the broker would. */
async function consumerOf(prefetch: number) {
  let push: Deliver = () => undefined;
  let tags = 0;
  const channel = {
    once: () => channel,
    prefetch: () => Promise.resolve(),
    consume: (_queue: string, callback: Deliver) => {
      push = callback;
      return Promise.resolve({ consumerTag: 'ctag' });
    },
    cancel: () => Promise.resolve(),
    close: () => Promise.resolve(),
  } as unknown as Channel;
  const held = {
    track: (): BusDelivery => ({ deliveryTag: String(++tags) }) as BusDelivery,
    ack: jest.fn(),
    requeue: jest.fn(),
    forgetChannel: jest.fn(),
  } as unknown as HeldDeliveries;
  const batches: { size: number; at: number }[] = [];
  const consumer = new RabbitMqBusConsumer(
    () => Promise.resolve({ channel, channelNo: 1 }),
    (deliveries) => {
      batches.push({ size: deliveries.length, at: Date.now() });
      return Promise.resolve(undefined);
    },
    held,
    {
      queue: 'q',
      prefetch,
      readAhead: true,
      leaseMs: 60_000,
      requeueDelayMs: 10,
      resubscribeDelayMs: 10,
      onError: (error) => {
        throw error;
      },
    },
  );
  await consumer.start();
  const deliver = (count: number) => {
    for (let i = 0; i < count; i++) {
      push({} as ConsumeMessage);
    }
  };
  return { consumer, deliver, batches };
}

describe(RabbitMqBusConsumer.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('hands a full batch over at once', async () => {
    const { consumer, deliver, batches } = await consumerOf(50);
    deliver(50);
    await jest.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.size)).toEqual([50]);
    await consumer.stop();
  });

  it('after a full batch, keeps waiting through a pause in the refill until the batch is full', async () => {
    const { consumer, deliver, batches } = await consumerOf(50);
    deliver(50);
    await jest.advanceTimersByTimeAsync(0);
    deliver(1);
    await jest.advanceTimersByTimeAsync(30);
    deliver(49);
    await jest.advanceTimersByTimeAsync(0);
    expect(batches.map((b) => b.size)).toEqual([50, 50]);
    await consumer.stop();
  });

  it('holds a first partial batch until 100 ms after its first delivery, no longer', async () => {
    const { consumer, deliver, batches } = await consumerOf(50);
    const start = Date.now();
    deliver(10);
    await jest.advanceTimersByTimeAsync(99);
    expect(batches).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(batches).toEqual([{ size: 10, at: start + 100 }]);
    await consumer.stop();
  });

  it('after a partial batch, hands a trickle over once deliveries pause for 5 ms', async () => {
    const { consumer, deliver, batches } = await consumerOf(50);
    deliver(10);
    await jest.advanceTimersByTimeAsync(100);
    const start = Date.now();
    deliver(2);
    await jest.advanceTimersByTimeAsync(3);
    deliver(1);
    await jest.advanceTimersByTimeAsync(5);
    expect(batches.map((b) => b.size)).toEqual([10, 3]);
    expect(batches[1]?.at).toBe(start + 8);
    await consumer.stop();
  });
});
