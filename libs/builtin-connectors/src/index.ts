export { BuiltInConnectorsModule } from './builtin-connectors.module';
export { BuiltInConnectorsHost, enabledConnectors } from './services/builtin-connectors.host';
export type {
  BuiltInConnector,
  ConnectorJob,
  ConnectorOutcome,
  ConnectorSession,
  JobConnector,
  ScheduledConnector,
} from './builtin-connector.types';
export { enrichOffline, enrichedObservable } from './connectors/offline-enrichment.util';
export type { OfflineEnrichment, StixObject } from './connectors/offline-enrichment.util';
