import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { requireTestService } from '@lib/testing';
import { RabbitMqConnectorBus } from './adapters/rabbitmq-connector-bus.adapter';
import { ConnectorBusModule } from './connector-bus.module';
import { ConnectorBus } from './connector-bus.port';

describe(`${ConnectorBusModule.name} (rabbitmq driver)`, () => {
  it('provides the RabbitMQ adapter, closed with the application', async () => {
    const url = await requireTestService('rabbitmq');
    const app = await Test.createTestingModule({
      imports: [
        ConnectorBusModule.forRoot({
          driver: 'rabbitmq',
          rabbitmq: { url, prefix: 'threatloom-test-module.', queueType: 'classic' },
        }),
      ],
    }).compile();
    const sut = app.get(ConnectorBus);
    expect(sut).toBeInstanceOf(RabbitMqConnectorBus);
    // A connector of its own: runs share the default virtual host (the exchanges are idempotent).
    const id = randomUUID();
    const queues = await sut.declareConnector(id);
    expect(queues.push).toBe(`threatloom-test-module.push_${id}`);
    expect(queues.pushExchange).toBe('threatloom-test-module.amqp.worker.exchange');
    await sut.deleteConnector(id);
    await app.close();
  });
});
