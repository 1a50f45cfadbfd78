import { join, resolve } from 'node:path';
import type {
  AuthConfig,
  BuiltInConnectorName,
  AppRole,
  Config,
  ConnectorsConfig,
  TaxiiPollerSettings,
  SearchEngineSettings,
  StoreConfig,
} from './config.types';
import type { ConfigProblem } from './config.error';
import { ConfigError } from './config.error';
import { CONFIG_VARIABLES } from './config-variables';
import { distributedPortConfig } from './distributed-config.util';
import type { ConfigEnvName } from './config-variables';
import type { HttpEnricherSettings } from './http-enricher.schema';
import type { IocFeedSettings } from './ioc-feed.schema';
import { ssoConfig } from './sso-config.util';

export type LoadConfigInput = {
  env: Readonly<Record<string, string | undefined>>;
  /** Value of the --app flag, which wins over THREATLOOM_APPS. */
  appFlag?: string;
};

type Values = Partial<Record<ConfigEnvName, unknown>>;

const ROLES: readonly AppRole[] = ['core', 'worker', 'connector-host'];
const DISTRIBUTED_REQUIRED: readonly ConfigEnvName[] = [
  'THREATLOOM_ELASTIC_URL',
  'THREATLOOM_REDIS_URL',
  'THREATLOOM_RABBITMQ_URL',
  'THREATLOOM_S3_ENDPOINT',
  'THREATLOOM_S3_BUCKET',
];

function parseVariables(env: LoadConfigInput['env'], problems: ConfigProblem[]): Values {
  const values: Values = {};
  for (const variable of CONFIG_VARIABLES) {
    const raw = env[variable.env] ?? ('default' in variable ? variable.default : undefined);
    if (raw === undefined || raw === '') {
      continue;
    }
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) {
      values[variable.env] = parsed.data;
    } else {
      const message = parsed.error.issues.map((issue) => issue.message).join('; ');
      problems.push({ variable: variable.env, message: `${message} (got "${raw}")` });
    }
  }
  const known = new Set<string>(CONFIG_VARIABLES.map((v) => v.env));
  for (const name of Object.keys(env)) {
    // THREATLOOM_TEST_* belongs to the test suites (service URLs exported by scripts/services).
    if (
      name.startsWith('THREATLOOM_') &&
      !name.startsWith('THREATLOOM_TEST_') &&
      !known.has(name)
    ) {
      problems.push({ variable: name, message: 'unknown variable (is it misspelled?)' });
    }
  }
  return values;
}

export function parseApps(list: string, problems: ConfigProblem[], source: string): AppRole[] {
  const parts = list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const roles = new Set<AppRole>();
  for (const part of parts) {
    if (part === 'all') {
      ROLES.forEach((role) => roles.add(role));
    } else if ((ROLES as readonly string[]).includes(part)) {
      roles.add(part as AppRole);
    } else {
      problems.push({
        variable: source,
        message: `unknown role "${part}" (core, worker, connector-host, all)`,
      });
    }
  }
  if (parts.length === 0) {
    problems.push({ variable: source, message: 'no role given' });
  }
  return ROLES.filter((role) => roles.has(role));
}

/** What each enabled stream output connector cannot run without. */
const OUTPUT_REQUIRED: Readonly<Record<string, readonly ConfigEnvName[]>> = {
  webhook: ['THREATLOOM_CONNECTOR_WEBHOOK_URL'],
  'splunk-hec': ['THREATLOOM_CONNECTOR_SPLUNK_URL', 'THREATLOOM_CONNECTOR_SPLUNK_TOKEN'],
  syslog: ['THREATLOOM_CONNECTOR_SYSLOG_HOST'],
  sync: ['THREATLOOM_CONNECTOR_SYNC_URL', 'THREATLOOM_CONNECTOR_SYNC_TOKEN'],
  taxii: ['THREATLOOM_CONNECTOR_TAXII_URL'],
  'ioc-feeds': ['THREATLOOM_CONNECTOR_IOC_FEEDS'],
  'http-enricher': ['THREATLOOM_CONNECTOR_HTTP_ENRICHERS'],
};

function checkBuiltIns(values: Values, problems: ConfigProblem[]): void {
  const enabled = (values.THREATLOOM_BUILTIN_CONNECTORS as string[] | undefined) ?? [];
  for (const name of enabled) {
    for (const variable of OUTPUT_REQUIRED[name] ?? []) {
      if (values[variable] === undefined) {
        problems.push({ variable, message: `required by the ${name} connector` });
      }
    }
  }
}

const optional = <K extends string, T>(key: K, value: T | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, T>>;

function streamOutputs(v: Values): Partial<ConnectorsConfig['builtIn']> {
  const enabled = v.THREATLOOM_BUILTIN_CONNECTORS as string[];
  return {
    ...(enabled.includes('webhook')
      ? {
          webhook: {
            url: v.THREATLOOM_CONNECTOR_WEBHOOK_URL as string,
            stream: v.THREATLOOM_CONNECTOR_WEBHOOK_STREAM as string,
            ...optional('token', v.THREATLOOM_CONNECTOR_WEBHOOK_TOKEN as string | undefined),
          },
        }
      : {}),
    ...(enabled.includes('splunk-hec')
      ? {
          splunk: {
            url: v.THREATLOOM_CONNECTOR_SPLUNK_URL as string,
            token: v.THREATLOOM_CONNECTOR_SPLUNK_TOKEN as string,
            stream: v.THREATLOOM_CONNECTOR_SPLUNK_STREAM as string,
            ...optional('index', v.THREATLOOM_CONNECTOR_SPLUNK_INDEX as string | undefined),
          },
        }
      : {}),
    ...(enabled.includes('syslog')
      ? {
          syslog: {
            host: v.THREATLOOM_CONNECTOR_SYSLOG_HOST as string,
            port: v.THREATLOOM_CONNECTOR_SYSLOG_PORT as number,
            protocol: v.THREATLOOM_CONNECTOR_SYSLOG_PROTOCOL as 'udp' | 'tcp',
            format: v.THREATLOOM_CONNECTOR_SYSLOG_FORMAT as 'rfc5424' | 'cef',
            stream: v.THREATLOOM_CONNECTOR_SYSLOG_STREAM as string,
          },
        }
      : {}),
    ...(enabled.includes('sync')
      ? {
          sync: {
            url: v.THREATLOOM_CONNECTOR_SYNC_URL as string,
            token: v.THREATLOOM_CONNECTOR_SYNC_TOKEN as string,
            stream: v.THREATLOOM_CONNECTOR_SYNC_STREAM as string,
          },
        }
      : {}),
    ...(enabled.includes('taxii') ? { taxii: taxiiPoller(v) } : {}),
    ...(enabled.includes('ioc-feeds')
      ? {
          iocFeeds: {
            feeds: v.THREATLOOM_CONNECTOR_IOC_FEEDS as IocFeedSettings[],
            intervalMinutes: v.THREATLOOM_CONNECTOR_IOC_FEEDS_INTERVAL_MIN as number,
          },
        }
      : {}),
    ...(enabled.includes('http-enricher')
      ? { httpEnrichers: v.THREATLOOM_CONNECTOR_HTTP_ENRICHERS as HttpEnricherSettings[] }
      : {}),
  };
}

function taxiiPoller(v: Values): TaxiiPollerSettings {
  const text = (name: ConfigEnvName) => v[name] as string | undefined;
  return {
    collectionUrl: v.THREATLOOM_CONNECTOR_TAXII_URL as string,
    intervalMinutes: v.THREATLOOM_CONNECTOR_TAXII_INTERVAL_MIN as number,
    ...optional('user', text('THREATLOOM_CONNECTOR_TAXII_USER')),
    ...optional('password', text('THREATLOOM_CONNECTOR_TAXII_PASSWORD')),
    ...optional('token', text('THREATLOOM_CONNECTOR_TAXII_TOKEN')),
    ...optional('cert', text('THREATLOOM_CONNECTOR_TAXII_CERT')),
    ...optional('key', text('THREATLOOM_CONNECTOR_TAXII_KEY')),
    ...optional('ca', text('THREATLOOM_CONNECTOR_TAXII_CA')),
    ...optional('addedAfter', text('THREATLOOM_CONNECTOR_TAXII_ADDED_AFTER')),
  };
}

function checkProfile(values: Values, problems: ConfigProblem[]): void {
  if (values.THREATLOOM_PROFILE !== 'distributed') {
    return;
  }
  for (const name of DISTRIBUTED_REQUIRED) {
    if (values[name] === undefined) {
      problems.push({ variable: name, message: 'required by THREATLOOM_PROFILE=distributed' });
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value as Record<string, unknown>).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}

function embeddedPortConfig(
  v: Values,
  dataDir: string,
): Pick<Config, 'blob' | 'queue' | 'bus' | 'cache' | 'events'> {
  return {
    blob: {
      driver: 'local',
      local: {
        dir: resolve((v.THREATLOOM_FILES_DIR as string | undefined) ?? join(dataDir, 'files')),
      },
    },
    queue: { driver: 'sqlite' },
    bus: { driver: 'sqlite' },
    cache: { driver: 'memory', memory: { maxEntries: v.THREATLOOM_CACHE_MAX_ENTRIES as number } },
    events: { driver: 'sqlite', maxEvents: v.THREATLOOM_EVENTS_MAX as number },
  };
}

/** Parses the environment once, listing every problem at once; the result is frozen. */
export function loadConfig(input: LoadConfigInput): Config {
  const problems: ConfigProblem[] = [];
  const v = parseVariables(input.env, problems);
  const apps =
    input.appFlag !== undefined
      ? parseApps(input.appFlag, problems, '--app')
      : parseApps(
          typeof v.THREATLOOM_APPS === 'string' ? v.THREATLOOM_APPS : 'all',
          problems,
          'THREATLOOM_APPS',
        );
  checkProfile(v, problems);
  checkBuiltIns(v, problems);
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  const dataDir = resolve(v.THREATLOOM_DATA_DIR as string);
  const port = v.THREATLOOM_PORT as number;
  const publicUrl = (v.THREATLOOM_PUBLIC_URL as string | undefined) ?? `http://localhost:${port}`;
  const config: Config = {
    profile: v.THREATLOOM_PROFILE as Config['profile'],
    apps,
    dataDir,
    http: {
      host: v.THREATLOOM_HOST as string,
      port,
      publicUrl,
      maxBodyMb: v.THREATLOOM_MAX_BODY_MB as number,
    },
    admin: {
      email: v.THREATLOOM_ADMIN_EMAIL as string,
      password: v.THREATLOOM_ADMIN_PASSWORD as string | undefined,
      token: v.THREATLOOM_ADMIN_TOKEN as string | undefined,
    },
    auth: authConfig(v),
    log: { level: v.THREATLOOM_LOG_LEVEL as Config['log']['level'] },
    store: storeConfig(v, dataDir),
    ...embeddedPortConfig(v, dataDir),
    ...(v.THREATLOOM_PROFILE === 'distributed' ? distributedPortConfig(v) : {}),
    ingestion: {
      batchSize:
        (v.THREATLOOM_INGESTION_BATCH_SIZE as number | undefined) ??
        (v.THREATLOOM_PROFILE === 'distributed' ? 5000 : 1000),
      missingRefRetries: v.THREATLOOM_INGESTION_MISSING_REF_RETRIES as number,
      relationDedupDays: v.THREATLOOM_RELATION_DEDUP_DAYS as number,
      leaseSeconds: v.THREATLOOM_INGESTION_LEASE_S as number,
      concurrency:
        (v.THREATLOOM_INGESTION_CONCURRENCY as number | undefined) ??
        (v.THREATLOOM_PROFILE === 'distributed' ? 3 : 1),
    },
    connectors: connectorsConfig(v),
    streams: {
      heartbeatMs: v.THREATLOOM_STREAM_HEARTBEAT_MS as number,
      cacheMaxSize: v.THREATLOOM_STREAM_CACHE_MAX as number,
    },
    audit: {
      retentionDays: v.THREATLOOM_AUDIT_RETENTION_DAYS as number,
      flushMs: v.THREATLOOM_AUDIT_FLUSH_MS as number,
      dataChanges: v.THREATLOOM_AUDIT_DATA_CHANGES as boolean,
    },
    retention: { intervalMs: (v.THREATLOOM_RETENTION_INTERVAL_S as number) * 1000 },
    sso: ssoConfig(v.THREATLOOM_AUTH_PROVIDERS, publicUrl),
  };
  const search = searchEngineSettings(v);
  if (search) {
    config.search = search;
  }
  return deepFreeze(config);
}

function authConfig(v: Values): AuthConfig {
  const minutes = (name: ConfigEnvName) => (v[name] as number) * 60_000;
  const proxy = (v.THREATLOOM_TRUST_PROXY as string).trim();
  return {
    sessionSecret: v.THREATLOOM_SESSION_SECRET as string | undefined,
    sessionMaxAgeMs: minutes('THREATLOOM_SESSION_MAX_AGE_MIN'),
    cookieSecure: v.THREATLOOM_SESSION_COOKIE_SECURE as boolean,
    trustProxy:
      proxy === 'false'
        ? false
        : /^\d+$/.test(proxy)
          ? Number(proxy)
          : proxy
              .split(',')
              .map((part) => part.trim())
              .filter((part) => part !== ''),
    lockout: {
      maxFailures: v.THREATLOOM_LOGIN_MAX_FAILURES as number,
      windowMs: minutes('THREATLOOM_LOGIN_FAILURE_WINDOW_MIN'),
      lockMs: minutes('THREATLOOM_LOGIN_LOCK_MIN'),
    },
    rateLimitPerMinute: v.THREATLOOM_AUTH_RATE_LIMIT as number,
    graphql: {
      maxDepth: v.THREATLOOM_GRAPHQL_MAX_DEPTH as number,
      maxCost: v.THREATLOOM_GRAPHQL_MAX_COST as number,
    },
  };
}

function storeConfig(v: Values, dataDir: string): StoreConfig {
  const engine = searchEngineSettings(v);
  if (v.THREATLOOM_PROFILE === 'distributed' && engine) {
    return { driver: 'search-engine', engine };
  }
  return {
    driver: 'sqlite',
    sqlite: {
      path: resolve(
        (v.THREATLOOM_SQLITE_PATH as string | undefined) ?? join(dataDir, 'threatloom.db'),
      ),
      cacheSizeMb: v.THREATLOOM_SQLITE_CACHE_MB as number,
      mmapMb: v.THREATLOOM_SQLITE_MMAP_MB as number,
    },
  };
}

function searchEngineSettings(v: Values): SearchEngineSettings | undefined {
  const nodes = v.THREATLOOM_ELASTIC_URL as string[] | undefined;
  if (nodes === undefined) {
    return undefined;
  }
  return {
    engine: v.THREATLOOM_ELASTIC_ENGINE as SearchEngineSettings['engine'],
    nodes,
    username: v.THREATLOOM_ELASTIC_USERNAME as string | undefined,
    password: v.THREATLOOM_ELASTIC_PASSWORD as string | undefined,
    tlsInsecure: v.THREATLOOM_ELASTIC_TLS_INSECURE as boolean,
    indexPrefix: v.THREATLOOM_ELASTIC_INDEX_PREFIX as string,
    shards: v.THREATLOOM_ELASTIC_SHARDS as number,
    replicas: v.THREATLOOM_ELASTIC_REPLICAS as string,
  };
}

/** The broker connectors are handed comes from the (public) RabbitMQ URL; its parts decoded. */
function connectorsConfig(v: Values): ConnectorsConfig {
  const url = (v.THREATLOOM_RABBITMQ_PUBLIC_URL ?? v.THREATLOOM_RABBITMQ_URL) as string | undefined;
  const base = {
    pushPrefetch: v.THREATLOOM_CONNECTOR_PUSH_PREFETCH as number,
    discoverySeconds: v.THREATLOOM_CONNECTOR_DISCOVERY_S as number,
    staleSeconds: v.THREATLOOM_CONNECTOR_STALE_S as number,
    builtIn: {
      enabled: v.THREATLOOM_BUILTIN_CONNECTORS as BuiltInConnectorName[],
      mitreSources: v.THREATLOOM_CONNECTOR_MITRE_SOURCES as string[],
      mitreIntervalHours: v.THREATLOOM_CONNECTOR_MITRE_INTERVAL_H as number,
      ...streamOutputs(v),
    },
  };
  if (v.THREATLOOM_PROFILE !== 'distributed' || !url) {
    return base;
  }
  const parsed = new URL(url);
  const useSsl = parsed.protocol === 'amqps:';
  const vhost = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return {
    ...base,
    broker: {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : useSsl ? 5671 : 5672,
      vhost: vhost === '' ? '/' : vhost,
      useSsl,
      user: decodeURIComponent(parsed.username) || 'guest',
      pass: decodeURIComponent(parsed.password) || 'guest',
    },
  };
}
