import type { HttpEnricherSettings } from './http-enricher.schema';
import type { IocFeedSettings } from './ioc-feed.schema';
import type { SsoProviderSettings } from './sso-provider.schema';
export type Profile = 'embedded' | 'distributed';
export type AppRole = 'core' | 'worker' | 'connector-host';

export type HttpConfig = { host: string; port: number; publicUrl: string; maxBodyMb: number };
export type AdminConfig = {
  email: string;
  password: string | undefined;
  token: string | undefined;
};
/** Local login, sessions, rate limits and GraphQL limits (issue #8). */
export type AuthConfig = {
  /** Unset: a random secret kept in the cache. */
  sessionSecret: string | undefined;
  sessionMaxAgeMs: number;
  cookieSecure: boolean;
  /** Express's `trust proxy` setting: false, a hop count, or addresses and subnets. */
  trustProxy: false | number | string[];
  lockout: { maxFailures: number; windowMs: number; lockMs: number };
  /** Requests per minute and client address on /auth/*. */
  rateLimitPerMinute: number;
  graphql: { maxDepth: number; maxCost: number };
};
export type LogConfig = {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

export type SqliteConfig = { path: string; cacheSizeMb: number; mmapMb: number };
/** Elements and their search: SQLite (embedded) or an Elasticsearch/OpenSearch cluster. */
export type StoreConfig =
  | { driver: 'sqlite'; sqlite: SqliteConfig }
  | { driver: 'search-engine'; engine: SearchEngineSettings };
/** A Redis server and the prefix of every key Threatloom writes there. */
export type RedisConfig = { url: string; prefix: string };
export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string | undefined;
  secretKey: string | undefined;
  /** Bucket in the path (MinIO, moto) rather than in the host name. */
  forcePathStyle: boolean;
  /** Bodies larger than this go up in parts of this size (multipart upload). */
  partSizeMb: number;
};
export type RabbitMqConfig = {
  url: string;
  /** OpenCTI's `<P>` namespace prefix of exchanges and queues (connector-protocol.md §2.1). */
  prefix: string;
  queueType: 'classic' | 'quorum';
};

export type BlobStoreConfig =
  { driver: 'local'; local: { dir: string } } | { driver: 's3'; s3: S3Config };
export type JobQueueConfig = { driver: 'sqlite' } | { driver: 'bullmq'; redis: RedisConfig };
export type ConnectorBusConfig =
  { driver: 'sqlite' } | { driver: 'rabbitmq'; rabbitmq: RabbitMqConfig };
export type CacheConfig =
  | { driver: 'memory'; memory: { maxEntries: number } }
  | { driver: 'redis'; redis: RedisConfig & { maxEntries: number } };
export type EventStreamConfig =
  | { driver: 'sqlite'; maxEvents: number }
  | {
      driver: 'redis';
      maxEvents: number;
      /** `approximate` trims whole stream nodes (MAXLEN ~, cheaper); `exact` trims to the event. */
      redis: RedisConfig & { trim: 'approximate' | 'exact' };
    };

/** The Elasticsearch/OpenSearch cluster of the distributed profile (THREATLOOM_ELASTIC_*). */
export type SearchEngineSettings = {
  engine: 'opensearch' | 'elasticsearch';
  nodes: string[];
  username?: string;
  password?: string;
  tlsInsecure: boolean;
  indexPrefix: string;
  shards: number;
  /** index.auto_expand_replicas of the element indices. */
  replicas: string;
};

export type IngestionConfig = {
  /** Objects per write transaction. */
  batchSize: number;
  /** Rounds a work retries objects whose references are missing before rejecting them. */
  missingRefRetries: number;
  /** Relationship de-duplication window around start/stop times, in days (data-model.md §3.8). */
  relationDedupDays: number;
  /** Queued bundles a worker imports at once. */
  concurrency: number;
  /** Seconds a worker holds a queued bundle before another may take it over. */
  leaseSeconds: number;
};

/** What connectors are handed at registration, and how workers consume their push queues. */
export type ConnectorsConfig = {
  /** The AMQP broker connectors publish to (absent in the embedded profile: HTTP mode only). */
  broker?: {
    host: string;
    port: number;
    vhost: string;
    useSsl: boolean;
    user: string;
    pass: string;
  };
  pushPrefetch: number;
  discoverySeconds: number;
  staleSeconds: number;
  /** The connectors the connector-host role runs, and their settings. */
  builtIn: {
    enabled: readonly BuiltInConnectorName[];
    mitreSources: readonly string[];
    mitreIntervalHours: number;
    webhook?: { url: string; token?: string; stream: string };
    splunk?: { url: string; token: string; index?: string; stream: string };
    syslog?: {
      host: string;
      port: number;
      protocol: 'udp' | 'tcp';
      format: 'rfc5424' | 'cef';
      stream: string;
    };
    sync?: { url: string; token: string; stream: string };
    taxii?: TaxiiPollerSettings;
    iocFeeds?: { feeds: readonly IocFeedSettings[]; intervalMinutes: number };
    httpEnrichers?: readonly HttpEnricherSettings[];
  };
};

export type BuiltInConnectorName =
  | 'mitre'
  | 'offline-enricher'
  | 'import-stix'
  | 'import-document'
  | 'export'
  | 'webhook'
  | 'splunk-hec'
  | 'syslog'
  | 'sync'
  | 'taxii'
  | 'ioc-feeds'
  | 'http-enricher';

/** The TAXII 2.1 collection the taxii connector polls, and how it authenticates. */
export type TaxiiPollerSettings = {
  collectionUrl: string;
  user?: string;
  password?: string;
  token?: string;
  /** PEM file paths of a client certificate, its key, and the server's CA. */
  cert?: string;
  key?: string;
  ca?: string;
  intervalMinutes: number;
  addedAfter?: string;
};

/** How live streams (SSE) behave. */
export type StreamsConfig = {
  heartbeatMs: number;
  /** Dependency ids remembered per connection. */
  cacheMaxSize: number;
};

/** The audit log's retention and write batching. */
export type AuditConfig = {
  /** Entries older than this are purged; 0 keeps them forever. */
  retentionDays: number;
  flushMs: number;
  /** Data changes of the event stream become entries (logins and admin changes always do). */
  dataChanges: boolean;
};

/** When the knowledge retention rules run. */
export type RetentionConfig = {
  /** Between two runs; 0: the rules never run. */
  intervalMs: number;
};

/** Single sign-on providers, each with its callback URL resolved. */
export type SsoConfig = {
  providers: readonly (SsoProviderSettings & { callbackUrl: string })[];
};

/** The whole validated configuration, frozen after loading. */
export type Config = {
  profile: Profile;
  apps: AppRole[];
  dataDir: string;
  http: HttpConfig;
  admin: AdminConfig;
  auth: AuthConfig;
  log: LogConfig;
  store: StoreConfig;
  blob: BlobStoreConfig;
  queue: JobQueueConfig;
  bus: ConnectorBusConfig;
  cache: CacheConfig;
  events: EventStreamConfig;
  ingestion: IngestionConfig;
  connectors: ConnectorsConfig;
  streams: StreamsConfig;
  audit: AuditConfig;
  retention: RetentionConfig;
  sso: SsoConfig;
  /** Set when THREATLOOM_ELASTIC_URL is (the distributed profile requires it). */
  search?: SearchEngineSettings;
};
