import { randomUUID } from 'node:crypto';
import { requireTestService } from '@lib/testing';
import { describeConnectorBusContract } from '../testing/connector-bus.contract';
import { RabbitMqConnectorBus } from './rabbitmq-connector-bus.adapter';

const fast = { requeueDelayMs: 10, onError: () => undefined };

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

async function manage(base: string, method: string, path: string, body?: unknown): Promise<void> {
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
}
