export type Profile = 'embedded' | 'distributed';
export type AppRole = 'core' | 'worker' | 'connector-host';

export type HttpConfig = { host: string; port: number; publicUrl: string };
export type AdminConfig = {
  email: string;
  password: string | undefined;
  token: string | undefined;
};
export type LogConfig = {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

export type SqliteConfig = { path: string; cacheSizeMb: number };
export type StoreConfig = { driver: 'sqlite'; sqlite: SqliteConfig };
export type BlobStoreConfig = { driver: 'local'; local: { dir: string } };
export type JobQueueConfig = { driver: 'sqlite' };
export type ConnectorBusConfig = { driver: 'sqlite' };
export type CacheConfig = { driver: 'memory'; memory: { maxEntries: number } };
export type EventStreamConfig = { driver: 'sqlite'; maxEvents: number };

export type IngestionConfig = {
  /** Objects per write transaction. */
  batchSize: number;
  /** Rounds a work retries objects whose references are missing before rejecting them. */
  missingRefRetries: number;
  /** Relationship de-duplication window around start/stop times, in days (data-model.md §3.8). */
  relationDedupDays: number;
};

/** The whole validated configuration, frozen after loading. */
export type Config = {
  profile: Profile;
  apps: AppRole[];
  dataDir: string;
  http: HttpConfig;
  admin: AdminConfig;
  log: LogConfig;
  store: StoreConfig;
  blob: BlobStoreConfig;
  queue: JobQueueConfig;
  bus: ConnectorBusConfig;
  cache: CacheConfig;
  events: EventStreamConfig;
  ingestion: IngestionConfig;
};
