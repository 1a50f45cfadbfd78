import type { ConnectorQueues } from './connector-bus.types';

export const WORKER_EXCHANGE = 'amqp.worker.exchange';
export const CONNECTOR_EXCHANGE = 'amqp.connector.exchange';

/**
 * The names pycti expects for a connector (connector-protocol.md §2.1); `prefix` is the broker
 * namespace prefix `<P>` (empty by default).
 */
export function connectorQueues(connectorId: string, prefix = ''): ConnectorQueues {
  return {
    connectorId,
    push: `${prefix}push_${connectorId}`,
    pushRouting: `${prefix}push_routing_${connectorId}`,
    pushExchange: `${prefix}${WORKER_EXCHANGE}`,
    listen: `${prefix}listen_${connectorId}`,
    listenRouting: `${prefix}listen_routing_${connectorId}`,
    listenExchange: `${prefix}${CONNECTOR_EXCHANGE}`,
    deadLetterRouting: `${prefix}listen_routing_too-large-bundle`,
  };
}
