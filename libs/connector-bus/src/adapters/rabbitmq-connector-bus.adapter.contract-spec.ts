import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { requireTestService } from '@lib/testing';
import { describeConnectorBusContract } from '../testing/connector-bus.contract';
import { RabbitMqConnectorBus } from './rabbitmq-connector-bus.adapter';

const fast = { requeueDelayMs: 10, resubscribeDelayMs: 50, onError: () => undefined };

// A virtual host per test (made through the management API), so that runs never see each
// other's queues, under the exact names pycti expects; deleted afterwards. Both queue types.
const harness = (queueType: 'classic' | 'quorum') => async () => {
  const url = await requireTestService('rabbitmq');
  const management = await requireTestService('rabbitmq-management');
  const vhost = `threatloom-test-${randomUUID()}`;
  await manage(management, 'PUT', `vhosts/${encodeURIComponent(vhost)}`);
  const user = new URL(url).username || 'guest';
  await manage(management, 'PUT', `permissions/${encodeURIComponent(vhost)}/${user}`, {
    configure: '.*',
    write: '.*',
    read: '.*',
  });
  const vhostUrl = `${url.replace(/\/$/, '')}/${encodeURIComponent(vhost)}`;
  const open: RabbitMqConnectorBus[] = [];
  const instance = () => {
    const bus = new RabbitMqConnectorBus({ url: vhostUrl, prefix: '', queueType }, fast);
    open.push(bus);
    return bus;
  };
  return {
    sut: instance(),
    reopen: () => Promise.resolve(instance()),
    cleanup: async () => {
      await Promise.all(open.map((bus) => bus.close()));
      await manage(management, 'DELETE', `vhosts/${encodeURIComponent(vhost)}`);
    },
  };
};

describeConnectorBusContract('rabbitmq (classic queues)', harness('classic'));
describeConnectorBusContract('rabbitmq (quorum queues)', harness('quorum'));

async function manage(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const parsed = new URL(base);
  const auth = Buffer.from(
    `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`,
  ).toString('base64');
  parsed.username = '';
  parsed.password = '';
  const response = await fetch(new URL(`api/${path}`, parsed), {
    method,
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`RabbitMQ management ${method} ${path}: ${response.status}`);
  }
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

describe(`${RabbitMqConnectorBus.name} across a lost connection`, () => {
  it('consumes again, and publishes again, after the broker closed its connection', async () => {
    const make = harness('classic');
    const { sut, cleanup } = await make();
    const bus = sut;
    const seen: string[] = [];
    try {
      const { push } = await bus.declareConnector('c0ffee');
      const consumer = await bus.consume(
        push,
        (deliveries) => {
          seen.push(...deliveries.map((delivery) => delivery.body));
          return Promise.resolve();
        },
        { prefetch: 5 },
      );
      await bus.publish(push, [{ body: 'before' }]);
      await waitFor(() => seen.includes('before'));
      await closeConnections(await requireTestService('rabbitmq-management'), vhostOf(bus));
      await waitFor(async () => {
        try {
          await bus.publish(push, [{ body: 'after' }]);
          return true;
        } catch {
          return false;
        }
      });
      await waitFor(() => seen.includes('after'));
      await consumer.stop();
    } finally {
      await cleanup();
    }
    // The management API lists new connections after its statistics interval (up to ~5 s).
  }, 40_000);
});

describe(`${RabbitMqConnectorBus.name} and pycti`, () => {
  it('delivers a bundle published the way pycti publishes it (exchange, routing key, no id)', async () => {
    const { sut, cleanup } = await harness('classic')();
    const bus = sut;
    const model = await connect(urlOf(bus));
    try {
      const queues = await bus.declareConnector('c0ffee');
      const channel = await model.createConfirmChannel();
      const body = JSON.stringify({ bundle_type: 'QUEUE_BUNDLE', content: 'e30=', update: true });
      channel.publish(queues.pushExchange, queues.pushRouting, Buffer.from(body), {
        persistent: true,
        contentEncoding: 'utf-8',
      });
      await channel.waitForConfirms();
      const [delivery] = await bus.fetch(queues.push, { max: 5 });
      expect(delivery).toMatchObject({ body, headers: {}, redelivered: false, deliveryCount: 1 });
      expect(delivery?.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      await bus.ack([delivery?.deliveryTag ?? '']);
      expect(await bus.depth(queues.push)).toEqual({ ready: 0, unacked: 0, dead: 0 });
    } finally {
      await model.close();
      await cleanup();
    }
  });
});

function urlOf(bus: RabbitMqConnectorBus): string {
  return (bus as unknown as { config: { url: string } }).config.url;
}

function vhostOf(bus: RabbitMqConnectorBus): string {
  return decodeURIComponent(new URL(urlOf(bus)).pathname.slice(1));
}

async function closeConnections(management: string, vhost: string): Promise<void> {
  let names: string[] = [];
  await waitFor(async () => {
    const listed = (await manage(
      management,
      'GET',
      `vhosts/${encodeURIComponent(vhost)}/connections`,
    )) as { name: string }[];
    names = listed.map((connection) => connection.name);
    return names.length > 0;
  });
  for (const name of names) {
    await manage(management, 'DELETE', `connections/${encodeURIComponent(name)}`);
  }
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`${RabbitMqConnectorBus.name} reading ahead`, () => {
  it('holds the next batch while one is handled, and hands it over whole', async () => {
    const { sut, cleanup } = await harness('classic')();
    const sizes: number[] = [];
    const heldDuringFirst: number[] = [];
    try {
      const { push } = await sut.declareConnector('read-ahead');
      await sut.publish(
        push,
        Array.from({ length: 200 }, (_, i) => ({ body: `m${i}` })),
      );
      const consumer = await sut.consume(
        push,
        async (deliveries) => {
          sizes.push(deliveries.length);
          if (sizes.length === 1) {
            // The broker's window is two batches: the second arrives while the first is handled.
            await waitFor(async () => (await sut.depth(push)).unacked === 100);
            heldDuringFirst.push((await sut.depth(push)).ready);
          }
        },
        { prefetch: 50, readAhead: true },
      );
      await waitFor(() => sizes.reduce((a, b) => a + b, 0) === 200);
      await consumer.stop();
    } finally {
      await cleanup();
    }
    expect(heldDuringFirst).toEqual([100]);
    expect(sizes).toEqual([50, 50, 50, 50]);
  }, 30_000);
});
