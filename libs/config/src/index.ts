export type {
  AdminConfig,
  AppRole,
  AuditConfig,
  RetentionConfig,
  AuthConfig,
  BlobStoreConfig,
  BuiltInConnectorName,
  CacheConfig,
  Config,
  ConnectorBusConfig,
  ConnectorsConfig,
  EventStreamConfig,
  HttpConfig,
  IngestionConfig,
  JobQueueConfig,
  LogConfig,
  Profile,
  RabbitMqConfig,
  RedisConfig,
  S3Config,
  SearchEngineSettings,
  SqliteConfig,
  StoreConfig,
  SsoConfig,
  StreamsConfig,
  TaxiiPollerSettings,
} from './config.types';
export { CONFIG_VARIABLES } from './config-variables';
export { HTTP_ENRICHER_SCHEMA } from './http-enricher.schema';
export type { HttpEnricherSettings } from './http-enricher.schema';
export type {
  OidcProviderSettings,
  SamlProviderSettings,
  SsoProviderSettings,
} from './sso-provider.schema';
export { IOC_FEED_SCHEMA, IOC_FEED_TYPES } from './ioc-feed.schema';
export type { IocFeedSettings, IocFeedType } from './ioc-feed.schema';
export type { ConfigVariable } from './config-variables';
export { ConfigError } from './config.error';
export type { ConfigProblem } from './config.error';
export { loadConfig } from './load-config';
export type { LoadConfigInput } from './load-config';
export { configMarkdown, describeConfig } from './describe-config.util';
export {
  ADMIN_CONFIG,
  AUDIT_CONFIG,
  RETENTION_CONFIG,
  AUTH_CONFIG,
  CONFIG,
  CONNECTORS_CONFIG,
  HTTP_CONFIG,
  INGESTION_CONFIG,
  SSO_CONFIG,
  STREAMS_CONFIG,
} from './config.tokens';
export { ConfigModule } from './config.module';
export { processEnv } from './env.util';
