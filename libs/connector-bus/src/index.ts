export { ConnectorBus } from './connector-bus.port';
export type {
  BusConsumeOptions,
  BusConsumer,
  BusDeadLetter,
  BusDelivery,
  BusFetchOptions,
  BusHandler,
  BusMessageDraft,
  BusNack,
  ConnectorQueues,
  DeadLetterReason,
  QueueDepth,
} from './connector-bus.types';
export { CONNECTOR_EXCHANGE, WORKER_EXCHANGE, connectorQueues } from './connector-queues.util';
export {
  BusDeadLetterNotFoundError,
  BusQueueNotFoundError,
  InvalidBusRequestError,
} from './errors/connector-bus.error';
export { ConnectorBusModule } from './connector-bus.module';
export { describeConnectorBusContract } from './testing/connector-bus.contract';
export type { ConnectorBusHarness } from './testing/connector-bus.contract';
export { probeRabbitMq } from './adapters/rabbitmq-probe.util';
