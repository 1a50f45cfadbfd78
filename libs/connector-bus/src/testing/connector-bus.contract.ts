import { AppError } from '@lib/kernel';
import type { ConnectorBus } from '../connector-bus.port';
import type { BusConsumer, BusDelivery, BusHandler, BusNack } from '../connector-bus.types';

/**
 * What a ConnectorBus adapter's test runner provides. `make()` must configure short timings
 * (idle polls of at most ~100 ms, a requeue delay after an `unavailable` failure of at most
 * ~50 ms) so that the suite stays fast.
 */
export type ConnectorBusHarness = {
  sut: ConnectorBus;
  /** A new adapter instance on the same storage, as another process or after a restart. */
  reopen(): Promise<ConnectorBus>;
  /** Stops every instance made by this harness and removes the storage. */
  cleanup(): Promise<void>;
};

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messages = (...bodies: string[]) => bodies.map((body) => ({ body, headers: { seq: body } }));

/** The behaviour every ConnectorBus adapter must show; run it from each adapter's contract-spec. */
export function describeConnectorBusContract(
  name: string,
  make: () => Promise<ConnectorBusHarness>,
): void {
  describe(`ConnectorBus contract: ${name}`, () => {
    let harness: ConnectorBusHarness;
    let sut: ConnectorBus;
    let consumers: BusConsumer[];
    let push: string;
    let listen: string;

    const consume = async (handler: BusHandler, prefetch: number, on = sut) => {
      const consumer = await on.consume(push, handler, { prefetch });
      consumers.push(consumer);
      return consumer;
    };
    const recorder = (nackOf?: (delivery: BusDelivery) => BusNack | undefined) => {
      const seen: BusDelivery[] = [];
      const batches: number[] = [];
      const handler: BusHandler = (deliveries) => {
        seen.push(...deliveries);
        batches.push(deliveries.length);
        const nacks = new Map<string, BusNack>();
        deliveries.forEach((delivery) => {
          const nack = nackOf?.(delivery);
          if (nack) {
            nacks.set(delivery.deliveryTag, nack);
          }
        });
        return Promise.resolve(nacks);
      };
      return { seen, batches, handler };
    };

    beforeEach(async () => {
      harness = await make();
      sut = harness.sut;
      consumers = [];
      ({ push, listen } = await sut.declareConnector('c0ffee'));
    });

    afterEach(async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await harness.cleanup();
    });

    it('declares a connector with the queue names and routing keys pycti expects, idempotently', async () => {
      const queues = await sut.declareConnector('c0ffee');
      expect(queues).toEqual({
        connectorId: 'c0ffee',
        push: 'push_c0ffee',
        pushRouting: 'push_routing_c0ffee',
        pushExchange: 'amqp.worker.exchange',
        listen: 'listen_c0ffee',
        listenRouting: 'listen_routing_c0ffee',
        listenExchange: 'amqp.connector.exchange',
        deadLetterRouting: 'listen_routing_too-large-bundle',
      });
      expect(await sut.depth(queues.push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
      expect(await sut.depth(queues.listen)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('refuses to work on a queue that was never declared', async () => {
      const notFound = { code: 'BUS_QUEUE_NOT_FOUND', category: 'not_found' };
      await expect(sut.publish('push_unknown', messages('x'))).rejects.toMatchObject(notFound);
      await expect(sut.fetch('push_unknown', { max: 1 })).rejects.toMatchObject(notFound);
      await expect(sut.depth('push_unknown')).rejects.toMatchObject(notFound);
      await expect(sut.purge('push_unknown')).rejects.toMatchObject(notFound);
      await expect(
        sut.consume('push_unknown', () => Promise.resolve(), { prefetch: 1 }),
      ).rejects.toMatchObject(notFound);
    });

    it('delivers published messages in order, in batches of at most prefetch, with headers', async () => {
      const bodies = Array.from({ length: 10 }, (_, i) => `{"n":${i}}`);
      await sut.publish(push, messages(...bodies));
      const { seen, batches, handler } = recorder();
      await consume(handler, 4);
      await waitFor(() => seen.length === 10);
      expect(seen.map((d) => d.body)).toEqual(bodies);
      expect(seen.map((d) => d.headers)).toEqual(bodies.map((seq) => ({ seq })));
      expect(Math.max(...batches)).toBeLessThanOrEqual(4);
      expect(Math.max(...batches)).toBeGreaterThan(1);
      expect(seen[0]).toMatchObject({ queue: push, redelivered: false, deliveryCount: 1 });
      await waitFor(async () => (await sut.depth(push)).unacked === 0);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('requeues a nacked message and delivers it again, flagged as redelivered', async () => {
      await sut.publish(push, messages('a', 'b'));
      const { seen, handler } = recorder((delivery) =>
        delivery.body === 'a' && !delivery.redelivered ? { requeue: true } : undefined,
      );
      await consume(handler, 2);
      await waitFor(() => seen.length === 3);
      const again = seen.filter((delivery) => delivery.body === 'a');
      expect(again.map((d) => [d.redelivered, d.deliveryCount])).toEqual([
        [false, 1],
        [true, 2],
      ]);
      expect(again[0]?.messageId).toBe(again[1]?.messageId);
      await waitFor(async () => (await sut.depth(push)).unacked === 0);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('counts every delivery of a message requeued again and again, after the delay asked', async () => {
      await sut.publish(push, messages('again'));
      const { seen, handler } = recorder((delivery) =>
        delivery.deliveryCount < 4 ? { requeue: true, delayMs: 50 } : undefined,
      );
      await consume(handler, 1);
      await waitFor(() => seen.length === 4);
      expect(seen.map((d) => d.deliveryCount)).toEqual([1, 2, 3, 4]);
      expect(new Set(seen.map((d) => d.messageId)).size).toBe(1);
      await waitFor(async () => (await sut.depth(push)).unacked === 0);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('dead-letters a message nacked without requeue, keeping the reason, and replays it', async () => {
      await sut.publish(push, messages('poison', 'fine'));
      const failure = new AppError({ code: 'BAD_BUNDLE', category: 'validation', message: 'no' });
      const { seen, handler } = recorder((delivery) =>
        delivery.body === 'poison' && seen.length < 3
          ? { requeue: false, error: failure }
          : undefined,
      );
      await consume(handler, 5);
      await waitFor(async () => (await sut.depth(push)).dead === 1);
      const [dead] = await sut.listDeadLetters(push);
      expect(dead).toMatchObject({
        queue: push,
        body: 'poison',
        headers: { seq: 'poison' },
        deliveries: 1,
        reason: { code: 'BAD_BUNDLE', message: 'no' },
      });
      await sut.replay(dead?.id ?? '');
      await waitFor(() => seen.length === 3);
      expect(seen[2]?.body).toBe('poison');
      await waitFor(async () => (await sut.depth(push)).unacked === 0);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
      await expect(sut.replay(dead?.id ?? '')).rejects.toMatchObject({ category: 'not_found' });
    });

    it('requeues a batch whose handler failed as unavailable, and dead-letters one that failed otherwise', async () => {
      await sut.publish(push, messages('m'));
      let calls = 0;
      await consume(() => {
        calls += 1;
        const category = calls === 1 ? 'unavailable' : 'internal';
        return Promise.reject(new AppError({ code: `FAIL_${calls}`, category, message: 'x' }));
      }, 1);
      await waitFor(async () => (await sut.depth(push)).dead === 1);
      expect(calls).toBe(2);
      const [dead] = await sut.listDeadLetters(push);
      expect(dead).toMatchObject({ deliveries: 2, reason: { code: 'FAIL_2' } });
    });

    it('serves the HTTP queue mode: fetch, ack, nack with requeue, and depth', async () => {
      await sut.publish(listen, messages('1', '2', '3'));
      const first = await sut.fetch(listen, { max: 2 });
      expect(first.map((d) => d.body)).toEqual(['1', '2']);
      expect(await sut.depth(listen)).toEqual({ ready: 1, unacked: 2, dead: 0 });
      await sut.ack([first[0]?.deliveryTag ?? '']);
      await sut.nack([first[1]?.deliveryTag ?? ''], { requeue: true });
      expect(await sut.depth(listen)).toEqual({ ready: 2, unacked: 0, dead: 0 });
      const rest = await sut.fetch(listen, { max: 10 });
      expect(rest.map((d) => d.body).sort()).toEqual(['2', '3']);
      expect(rest.find((d) => d.body === '2')?.redelivered).toBe(true);
      await sut.nack(
        rest.map((d) => d.deliveryTag),
        { requeue: false, reason: { code: 'CONNECTOR_FAILED', message: 'boom' } },
      );
      expect(await sut.depth(listen)).toEqual({ ready: 0, unacked: 0, dead: 2 });
      expect((await sut.listDeadLetters(listen)).map((d) => d.reason.code)).toEqual([
        'CONNECTOR_FAILED',
        'CONNECTOR_FAILED',
      ]);
      expect(await sut.fetch(listen, { max: 10 })).toEqual([]);
    });

    it('brings unacked fetched messages back after the visibility timeout, ignoring the stale tag', async () => {
      await sut.publish(listen, messages('slow'));
      const [stale] = await sut.fetch(listen, { max: 1, visibilityTimeoutMs: 100 });
      expect(await sut.fetch(listen, { max: 1 })).toEqual([]);
      await pause(150);
      const [again] = await sut.fetch(listen, { max: 1, visibilityTimeoutMs: 5000 });
      expect(again).toMatchObject({ body: 'slow', redelivered: true, deliveryCount: 2 });
      expect(again?.messageId).toBe(stale?.messageId);
      await sut.ack([stale?.deliveryTag ?? '']);
      expect(await sut.depth(listen)).toEqual({ ready: 0, unacked: 1, dead: 0 });
      await sut.ack([again?.deliveryTag ?? '']);
      expect(await sut.depth(listen)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('rejects a malformed delivery tag', async () => {
      await expect(sut.ack(['not a tag'])).rejects.toMatchObject({ category: 'validation' });
    });

    it('purges ready messages, leaving delivered ones', async () => {
      await sut.publish(push, messages('a', 'b', 'c'));
      const [delivered] = await sut.fetch(push, { max: 1 });
      expect(await sut.purge(push)).toBe(2);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 1, dead: 0 });
      await sut.ack([delivered?.deliveryTag ?? '']);
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('deletes a connector with its queues and messages', async () => {
      await sut.publish(push, messages('a'));
      await sut.publish(listen, messages('b'));
      await sut.deleteConnector('c0ffee');
      await expect(sut.depth(push)).rejects.toMatchObject({ code: 'BUS_QUEUE_NOT_FOUND' });
      await expect(sut.publish(listen, messages('c'))).rejects.toMatchObject({
        code: 'BUS_QUEUE_NOT_FOUND',
      });
      await sut.deleteConnector('c0ffee');
      await sut.declareConnector('c0ffee');
      expect(await sut.depth(push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
      expect(await sut.depth(listen)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    });

    it('declares and deletes platform queues', async () => {
      await sut.declareQueue('playbook');
      await sut.publish('playbook', messages('x'));
      expect(await sut.depth('playbook')).toMatchObject({ ready: 1 });
      await sut.deleteQueue('playbook');
      await sut.deleteQueue('playbook');
      await expect(sut.depth('playbook')).rejects.toMatchObject({ category: 'not_found' });
    });

    it('drains the batch in flight on stop(), then takes no more', async () => {
      await sut.publish(push, messages('a'));
      let release: () => void = () => undefined;
      let started = 0;
      const consumer = await consume(async () => {
        started += 1;
        await new Promise<void>((resolve) => (release = resolve));
      }, 1);
      await waitFor(() => started === 1);
      let stopped = false;
      const stopping = consumer.stop().then(() => (stopped = true));
      await pause(50);
      expect(stopped).toBe(false);
      release();
      await stopping;
      await sut.publish(push, messages('b'));
      await pause(150);
      expect(started).toBe(1);
      expect(await sut.depth(push)).toEqual({ ready: 1, unacked: 0, dead: 0 });
    });

    it('keeps messages and declarations across a restart', async () => {
      await sut.publish(push, messages('durable'));
      const restarted = await harness.reopen();
      expect(await restarted.depth(push)).toMatchObject({ ready: 1 });
      const { seen, handler } = recorder();
      await consume(handler, 10, restarted);
      await waitFor(() => seen.length === 1);
      expect(seen[0]).toMatchObject({ body: 'durable', headers: { seq: 'durable' } });
    });
  });
}
