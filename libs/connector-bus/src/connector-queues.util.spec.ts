import { connectorQueues } from './connector-queues.util';

describe(connectorQueues.name, () => {
  it('names the queues, exchanges and routing keys as pycti expects', () => {
    expect(connectorQueues('7f9a')).toEqual({
      connectorId: '7f9a',
      push: 'push_7f9a',
      pushRouting: 'push_routing_7f9a',
      pushExchange: 'amqp.worker.exchange',
      listen: 'listen_7f9a',
      listenRouting: 'listen_routing_7f9a',
      listenExchange: 'amqp.connector.exchange',
      deadLetterRouting: 'listen_routing_too-large-bundle',
    });
  });

  it('prefixes every name with the broker namespace', () => {
    const queues = connectorQueues('c1', 'tl-');
    expect(Object.entries(queues).filter(([key]) => key !== 'connectorId')).toEqual(
      Object.entries(connectorQueues('c1'))
        .filter(([key]) => key !== 'connectorId')
        .map(([key, value]) => [key, `tl-${value}`]),
    );
  });
});
