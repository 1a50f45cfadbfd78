export { CONNECTOR_ENTITY_TYPE, CONNECTOR_TYPES } from './connector.types';
export type {
  Connector,
  ConnectorHealthFlag,
  ConnectorInfo,
  ConnectorRegistration,
  ConnectorType,
} from './connector.types';
export { ConnectorsModule } from './connectors.module';
export { ConnectorWorkerModule } from './connector-worker.module';
export { ConnectorRegistryService } from './services/connector-registry.service';
export { ConnectorKeysService } from './services/connector-keys.service';
export { ConnectorPushConsumer } from './services/connector-push.consumer';
export { decodePushMessage, entitiesTypesFilter } from './push-message.util';
export { ConnectorHealthMonitor } from './services/connector-health.monitor';
export { connectorHealthFlags, ERROR_RATE_THRESHOLD } from './connector-health.util';
export {
  ConnectorJobsService,
  enrichmentScopeMatches,
  mimeScopeMatches,
} from './services/connector-jobs.service';
export type { ExportJob, ExportScope, FileImportJob } from './services/connector-jobs.service';
export { AutoEnrichmentService } from './services/auto-enrichment.service';
