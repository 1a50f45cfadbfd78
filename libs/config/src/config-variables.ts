import { z } from 'zod';
import { AUTH_VARIABLES } from './auth-variables';
import { CONNECTOR_OUTPUT_VARIABLES } from './connector-output-variables';
import { SSO_VARIABLES } from './sso-variables';
import { int } from './config-variable.types';
import type { ConfigVariable } from './config-variable.types';

export type { ConfigVariable } from './config-variable.types';

// Every environment variable Threatloom reads, in one table: name, type, default, group,
// description and whether it is a secret (masked when the config is printed). The README's
// configuration table is generated from it (`threatloom config --markdown`).

export const CONFIG_VARIABLES = [
  {
    env: 'THREATLOOM_PROFILE',
    group: 'platform',
    schema: z.enum(['embedded', 'distributed']),
    default: 'embedded',
    description:
      'embedded: one process, SQLite, local files, zero services. distributed: Elasticsearch/OpenSearch, Redis, RabbitMQ, S3.',
  },
  {
    env: 'THREATLOOM_APPS',
    group: 'platform',
    schema: z.string().regex(/^[a-z,\- ]+$/),
    default: 'all',
    description:
      'Roles to run, a comma list of core, worker, connector-host, or all (the --app flag wins).',
  },
  {
    env: 'THREATLOOM_DATA_DIR',
    group: 'platform',
    schema: z.string().min(1),
    default: './data',
    description: 'Directory of the embedded profile: database, files.',
  },
  {
    env: 'THREATLOOM_HOST',
    group: 'http',
    schema: z.string().min(1),
    default: '0.0.0.0',
    description: 'Address the HTTP server listens on.',
  },
  {
    env: 'THREATLOOM_PORT',
    group: 'http',
    schema: int(0, 65535),
    default: '4000',
    description: 'HTTP port (GraphQL at /graphql, health at /health).',
  },
  {
    env: 'THREATLOOM_PUBLIC_URL',
    group: 'http',
    schema: z.url(),
    description:
      'URL users and connectors reach the platform at (default http://localhost:<port>).',
  },
  {
    env: 'THREATLOOM_MAX_BODY_MB',
    group: 'http',
    schema: int(1, 4096),
    default: '100',
    description: 'Largest JSON request body in MiB (bundles pushed by connectors travel in one).',
  },
  {
    env: 'THREATLOOM_ADMIN_EMAIL',
    group: 'admin',
    schema: z.email(),
    default: 'admin@threatloom.local',
    description:
      'Email (login) of the admin user; a later boot with another one moves the login to it (refused when another user has that email).',
  },
  {
    env: 'THREATLOOM_ADMIN_PASSWORD',
    group: 'admin',
    schema: z.string().min(8),
    secret: true,
    description:
      'Password of the admin user (generated and printed once at first boot when unset; set at a later boot, it replaces the password).',
  },
  {
    env: 'THREATLOOM_ADMIN_TOKEN',
    group: 'admin',
    schema: z.uuid(),
    secret: true,
    description:
      'API token (a UUID) of the admin user (generated and printed once at first boot when unset; set at a later boot, it replaces the token).',
  },
  ...AUTH_VARIABLES,
  ...SSO_VARIABLES,
  {
    env: 'THREATLOOM_LOG_LEVEL',
    group: 'log',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
    description: 'Log level of the JSON logs.',
  },
  {
    env: 'THREATLOOM_SQLITE_PATH',
    group: 'store',
    schema: z.string().min(1),
    description: 'SQLite database file (default <data dir>/threatloom.db).',
  },
  {
    env: 'THREATLOOM_SQLITE_CACHE_MB',
    group: 'store',
    schema: int(2, 65536),
    default: '32',
    description:
      'SQLite page cache in MiB, per connection (up to three: queries, look-ups, writes).',
  },
  {
    env: 'THREATLOOM_SQLITE_MMAP_MB',
    group: 'store',
    schema: int(0, 2047),
    default: '2047',
    description:
      'SQLite memory-mapped reads of queries (lists, search) in MiB (0: off); mapped pages count in the resident memory. Ingestion look-ups read through the page cache.',
  },
  {
    env: 'THREATLOOM_FILES_DIR',
    group: 'blob',
    schema: z.string().min(1),
    description: 'Directory of stored files (default <data dir>/files).',
  },
  {
    env: 'THREATLOOM_CACHE_MAX_ENTRIES',
    group: 'cache',
    schema: int(100, 10_000_000),
    default: '50000',
    description: 'Entries of the in-memory cache.',
  },
  {
    env: 'THREATLOOM_EVENTS_MAX',
    group: 'events',
    schema: int(1000, 1_000_000_000),
    default: '10000000',
    description: 'Events kept in the live stream history before the oldest are trimmed.',
  },
  {
    env: 'THREATLOOM_STREAM_HEARTBEAT_MS',
    group: 'events',
    schema: int(100, 30_000),
    default: '5000',
    description:
      'Live streams: an idle connection gets a heartbeat (with the last event id read) this often; pycti stream connectors restart after 45 s without one.',
  },
  {
    env: 'THREATLOOM_STREAM_CACHE_MAX',
    group: 'events',
    schema: int(100, 1_000_000),
    default: '5000',
    description:
      'Live streams: ids of dependencies already sent, remembered per connection so that they are not sent again.',
  },
  {
    env: 'THREATLOOM_AUDIT_RETENTION_DAYS',
    group: 'audit',
    schema: int(0, 36_500),
    default: '365',
    description:
      'Audit log entries older than this many days are purged (checked hourly); 0 keeps them forever.',
  },
  {
    env: 'THREATLOOM_AUDIT_DATA_CHANGES',
    group: 'audit',
    schema: z.enum(['true', 'false']).transform((value) => value === 'true'),
    default: 'true',
    description:
      'Record every data change (create, update, merge, delete with before and after) in the audit log; false keeps logins, denials and admin changes only, and halves the writes of large imports.',
  },
  {
    env: 'THREATLOOM_AUDIT_FLUSH_MS',
    group: 'audit',
    schema: int(10, 60_000),
    default: '1000',
    description:
      'Audit entries are buffered and written in batches this often, so that recording never slows a request.',
  },
  {
    env: 'THREATLOOM_RETENTION_INTERVAL_S',
    group: 'retention',
    schema: int(0, 86_400),
    default: '60',
    description:
      'Knowledge retention rules (admin console, Retention) run this often, in seconds, one replica at a time; 0 stops them.',
  },
  {
    env: 'THREATLOOM_INGESTION_BATCH_SIZE',
    group: 'ingestion',
    schema: int(1, 100_000).optional(),
    description:
      'Objects written per transaction by the ingestion pipeline (default 1000 embedded; 5000 distributed, where each commit refreshes the search engine indices it writes).',
  },
  {
    env: 'THREATLOOM_INGESTION_CONCURRENCY',
    group: 'ingestion',
    schema: int(1, 64).optional(),
    description:
      'Queued bundles a worker imports at once (default 1 embedded, 3 distributed): one at a time reads and writes at the store while the others parse, order and report theirs.',
  },
  {
    env: 'THREATLOOM_INGESTION_LEASE_S',
    group: 'ingestion',
    schema: int(5, 86_400),
    default: '1800',
    description:
      'Seconds a worker holds a queued bundle; a worker lost meanwhile has its bundle re-imported after it.',
  },
  {
    env: 'THREATLOOM_INGESTION_MISSING_REF_RETRIES',
    group: 'ingestion',
    schema: int(0, 100),
    default: '3',
    description:
      'Rounds a work retries objects whose references are missing before rejecting them.',
  },
  {
    env: 'THREATLOOM_RELATION_DEDUP_DAYS',
    group: 'ingestion',
    schema: int(0, 3650),
    default: '30',
    description:
      'Relationships of the same type and ends within this many days of start/stop time are one.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_PUSH_PREFETCH',
    group: 'connectors',
    schema: int(1, 10_000),
    default: '2000',
    description:
      "Messages of a connector's push queue a worker imports as one batch (the next batch is fetched meanwhile).",
  },
  {
    env: 'THREATLOOM_BUILTIN_CONNECTORS',
    group: 'connectors',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '' && s !== 'none'),
      )
      .pipe(
        z.array(
          z.enum([
            'mitre',
            'offline-enricher',
            'import-stix',
            'import-document',
            'export',
            'webhook',
            'splunk-hec',
            'syslog',
            'sync',
            'taxii',
            'ioc-feeds',
            'http-enricher',
          ]),
        ),
      ),
    default: 'offline-enricher,import-stix,import-document,export',
    description:
      'Built-in connectors the connector-host role runs: a comma list of mitre, offline-enricher, import-stix, import-document, export, webhook, splunk-hec, syslog, sync, taxii, ioc-feeds, http-enricher, or none.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_MITRE_SOURCES',
    group: 'connectors',
    schema: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      )
      .pipe(z.array(z.string()).min(1)),
    default: [
      'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack.json',
      'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/mobile-attack/mobile-attack.json',
      'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/ics-attack/ics-attack.json',
      'https://raw.githubusercontent.com/mitre/cti/master/capec/2.1/stix-capec.json',
      'https://raw.githubusercontent.com/mitre-atlas/atlas-navigator-data/main/dist/stix-atlas.json',
    ].join(','),
    description:
      'STIX bundles the mitre connector imports (ATT&CK enterprise, mobile, ICS, CAPEC, ATLAS): a comma list of URLs or file paths.',
  },
  {
    env: 'THREATLOOM_CONNECTOR_MITRE_INTERVAL_H',
    group: 'connectors',
    schema: int(1, 24 * 365),
    default: '168',
    description:
      'Hours between two runs of the mitre connector; a source whose content did not change is skipped.',
  },
  ...CONNECTOR_OUTPUT_VARIABLES,
  {
    env: 'THREATLOOM_CONNECTOR_DISCOVERY_S',
    group: 'connectors',
    schema: int(1, 3600),
    default: '10',
    description:
      'Seconds between two looks for connectors registered meanwhile (workers) and between two connector health checks (core).',
  },
  {
    env: 'THREATLOOM_CONNECTOR_STALE_S',
    group: 'connectors',
    schema: int(1, 86_400),
    default: '300',
    description: 'A connector that has not pinged for this many seconds is flagged inactive.',
  },
  {
    env: 'THREATLOOM_ELASTIC_URL',
    group: 'distributed',
    schema: z
      .string()
      .transform((list) => list.split(',').map((url) => url.trim()))
      .pipe(z.array(z.url()).min(1)),
    description:
      'Elasticsearch/OpenSearch node URL, or several of the same cluster comma-separated (distributed profile).',
  },
  {
    env: 'THREATLOOM_ELASTIC_ENGINE',
    group: 'distributed',
    schema: z.enum(['opensearch', 'elasticsearch']),
    default: 'opensearch',
    description:
      'Search engine behind THREATLOOM_ELASTIC_URL: opensearch (>= 2.9) or elasticsearch (>= 8).',
  },
  {
    env: 'THREATLOOM_ELASTIC_INDEX_PREFIX',
    group: 'distributed',
    schema: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,40}$/),
    default: 'threatloom',
    description:
      'Prefix of every index and alias (lower case), so that several platforms can share a cluster.',
  },
  {
    env: 'THREATLOOM_ELASTIC_USERNAME',
    group: 'distributed',
    schema: z.string().min(1),
    description: 'Search engine user (basic authentication), when the cluster has security on.',
  },
  {
    env: 'THREATLOOM_ELASTIC_PASSWORD',
    group: 'distributed',
    schema: z.string().min(1),
    secret: true,
    description: 'Password of THREATLOOM_ELASTIC_USERNAME.',
  },
  {
    env: 'THREATLOOM_ELASTIC_TLS_INSECURE',
    group: 'distributed',
    schema: z.enum(['true', 'false']).transform((value) => value === 'true'),
    default: 'false',
    description: 'Accept self-signed search engine certificates (test clusters only).',
  },
  {
    env: 'THREATLOOM_ELASTIC_SHARDS',
    group: 'distributed',
    schema: int(1, 64),
    default: '1',
    description: 'Primary shards of each new element index.',
  },
  {
    env: 'THREATLOOM_ELASTIC_REPLICAS',
    group: 'distributed',
    schema: z.string().regex(/^(\d+|\d+-(\d+|all))$/),
    default: '0-1',
    description: 'Replicas of each element index, as index.auto_expand_replicas (e.g. 1, or 0-1).',
  },
  {
    env: 'THREATLOOM_REDIS_URL',
    group: 'distributed',
    schema: z.url(),
    description: 'Redis URL (distributed profile).',
  },
  {
    env: 'THREATLOOM_RABBITMQ_URL',
    group: 'distributed',
    schema: z.url(),
    secret: true,
    description: 'RabbitMQ URL (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_ENDPOINT',
    group: 'distributed',
    schema: z.url(),
    description: 'S3-compatible endpoint (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_BUCKET',
    group: 'distributed',
    schema: z.string().min(3),
    description: 'S3 bucket (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_ACCESS_KEY',
    group: 'distributed',
    schema: z.string().min(1),
    secret: true,
    description: 'S3 access key (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_SECRET_KEY',
    group: 'distributed',
    schema: z.string().min(1),
    secret: true,
    description: 'S3 secret key (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_REGION',
    group: 'distributed',
    schema: z.string().min(1),
    default: 'us-east-1',
    description: 'S3 region (distributed profile).',
  },
  {
    env: 'THREATLOOM_S3_FORCE_PATH_STYLE',
    group: 'distributed',
    schema: z.enum(['true', 'false']),
    default: 'true',
    description: 'Address buckets by path (MinIO and most S3-compatible servers) rather than host.',
  },
  {
    env: 'THREATLOOM_S3_PART_SIZE_MB',
    group: 'distributed',
    schema: int(5, 5120),
    default: '8',
    description: 'Files larger than this are uploaded in parts of this size (S3 multipart upload).',
  },
  {
    env: 'THREATLOOM_REDIS_PREFIX',
    group: 'distributed',
    schema: z.string().regex(/^[A-Za-z0-9_.:-]*$/),
    default: 'threatloom:',
    description: 'Prefix of every Redis key (cache, locks, stream, BullMQ queues).',
  },
  {
    env: 'THREATLOOM_REDIS_STREAM_TRIM',
    group: 'distributed',
    schema: z.enum(['approximate', 'exact']),
    default: 'approximate',
    description:
      'How the Redis live stream is trimmed to THREATLOOM_EVENTS_MAX: approximate (MAXLEN ~, whole nodes, cheaper) or exact.',
  },
  {
    env: 'THREATLOOM_RABBITMQ_PUBLIC_URL',
    group: 'distributed',
    schema: z.url().optional(),
    secret: true,
    description:
      'RabbitMQ URL handed to connectors at registration, when they reach the broker at another address than the platform (default THREATLOOM_RABBITMQ_URL).',
  },
  {
    env: 'THREATLOOM_RABBITMQ_PREFIX',
    group: 'distributed',
    schema: z.string().regex(/^[A-Za-z0-9_.-]*$/),
    default: '',
    description: "OpenCTI's queue namespace prefix of RabbitMQ exchanges and queues.",
  },
  {
    env: 'THREATLOOM_RABBITMQ_QUEUE_TYPE',
    group: 'distributed',
    schema: z.enum(['classic', 'quorum']),
    default: 'classic',
    description:
      "Type of the queues Threatloom declares (OpenCTI's rabbitmq.queue_type): classic, or quorum (replicated, exact delivery counts).",
  },
] as const satisfies readonly ConfigVariable[];

export type ConfigEnvName = (typeof CONFIG_VARIABLES)[number]['env'];
