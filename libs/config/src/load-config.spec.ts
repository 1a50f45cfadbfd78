import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config.error';
import { describeConfig } from './describe-config.util';
import { loadConfig } from './load-config';

describe(loadConfig.name, () => {
  it('gives the embedded profile with every role by default', () => {
    const sut = loadConfig({ env: { THREATLOOM_DATA_DIR: '/tmp/tl' } });
    expect(sut).toMatchObject({
      profile: 'embedded',
      apps: ['core', 'worker', 'connector-host'],
      http: { port: 4000, publicUrl: 'http://localhost:4000' },
      store: { driver: 'sqlite', sqlite: { path: '/tmp/tl/threatloom.db' } },
      blob: { driver: 'local', local: { dir: '/tmp/tl/files' } },
      ingestion: { batchSize: 1000, concurrency: 1 },
    });
    expect(Object.isFrozen(sut.http)).toBe(true);
  });

  it('lets --app win over THREATLOOM_APPS, as a comma list', () => {
    const sut = loadConfig({ env: { THREATLOOM_APPS: 'core' }, appFlag: 'worker, connector-host' });
    expect(sut.apps).toEqual(['worker', 'connector-host']);
  });

  it('lists every bad variable at once, naming each', () => {
    const attempt = () =>
      loadConfig({
        env: {
          THREATLOOM_PORT: 'eighty',
          THREATLOOM_ADMIN_TOKEN: 'ChangeMe',
          THREATLOOM_PROT: '1',
          THREATLOOM_APPS: 'core,web',
        },
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([
        'THREATLOOM_ADMIN_TOKEN',
        'THREATLOOM_APPS',
        'THREATLOOM_PORT',
        'THREATLOOM_PROT',
      ]);
      expect((error as ConfigError).message).toContain('unknown role "web"');
    }
  });

  it('lists every service URL the distributed profile lacks, all at once', () => {
    let problems: string[] = [];
    try {
      loadConfig({ env: { THREATLOOM_PROFILE: 'distributed' } });
    } catch (error) {
      problems = (error as ConfigError).problems.map((p) => p.variable);
    }
    expect(problems.sort()).toEqual([
      'THREATLOOM_ELASTIC_URL',
      'THREATLOOM_RABBITMQ_URL',
      'THREATLOOM_REDIS_URL',
      'THREATLOOM_S3_BUCKET',
      'THREATLOOM_S3_ENDPOINT',
    ]);
  });

  it('names what an enabled stream output connector lacks, and reads its settings', () => {
    let problems: string[] = [];
    try {
      loadConfig({ env: { THREATLOOM_BUILTIN_CONNECTORS: 'webhook,splunk-hec,syslog' } });
    } catch (error) {
      problems = (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`);
    }
    expect(problems.sort()).toEqual([
      'THREATLOOM_CONNECTOR_SPLUNK_TOKEN: required by the splunk-hec connector',
      'THREATLOOM_CONNECTOR_SPLUNK_URL: required by the splunk-hec connector',
      'THREATLOOM_CONNECTOR_SYSLOG_HOST: required by the syslog connector',
      'THREATLOOM_CONNECTOR_WEBHOOK_URL: required by the webhook connector',
    ]);
    const config = loadConfig({
      env: {
        THREATLOOM_BUILTIN_CONNECTORS: 'syslog',
        THREATLOOM_CONNECTOR_SYSLOG_HOST: 'siem.example',
        THREATLOOM_CONNECTOR_SYSLOG_FORMAT: 'cef',
      },
    });
    expect(config.connectors.builtIn.syslog).toEqual({
      host: 'siem.example',
      port: 514,
      protocol: 'udp',
      format: 'cef',
      stream: 'live',
    });
    expect(config.connectors.builtIn.webhook).toBeUndefined();
  });

  it('puts every port of the distributed profile on its service', () => {
    const config = loadConfig({
      env: {
        THREATLOOM_PROFILE: 'distributed',
        THREATLOOM_ELASTIC_URL: 'http://search:9200',
        THREATLOOM_REDIS_URL: 'redis://redis:6379',
        THREATLOOM_RABBITMQ_URL: 'amqp://rabbit:5672',
        THREATLOOM_S3_ENDPOINT: 'http://minio:9000',
        THREATLOOM_S3_BUCKET: 'threatloom',
      },
    });
    expect(config.store).toMatchObject({
      driver: 'search-engine',
      engine: { nodes: ['http://search:9200'] },
    });
    expect(
      [config.blob, config.queue, config.bus, config.cache, config.events].map((p) => p.driver),
    ).toEqual(['s3', 'bullmq', 'rabbitmq', 'redis', 'redis']);
    expect(config.ingestion).toMatchObject({ batchSize: 5000, concurrency: 3 });
  });

  it('reads the search engine settings: node list, engine, prefix, credentials', () => {
    const config = loadConfig({
      env: {
        THREATLOOM_ELASTIC_URL: 'http://es1:9200, http://es2:9200',
        THREATLOOM_ELASTIC_ENGINE: 'elasticsearch',
        THREATLOOM_ELASTIC_USERNAME: 'threatloom',
        THREATLOOM_ELASTIC_PASSWORD: 'secret-password',
      },
    });
    expect(config.search).toEqual({
      engine: 'elasticsearch',
      nodes: ['http://es1:9200', 'http://es2:9200'],
      username: 'threatloom',
      password: 'secret-password',
      tlsInsecure: false,
      indexPrefix: 'threatloom',
      shards: 1,
      replicas: '0-1',
    });
    expect(loadConfig({ env: {} }).search).toBeUndefined();
    expect(() =>
      loadConfig({
        env: {
          THREATLOOM_ELASTIC_URL: 'http://es1:9200,not a url',
          THREATLOOM_ELASTIC_INDEX_PREFIX: 'Upper',
        },
      }),
    ).toThrow(ConfigError);
  });

  it('reads IOC feeds inline or from a file, and names what is wrong with them', () => {
    const problemOf = (value: string) => {
      try {
        loadConfig({
          env: {
            THREATLOOM_BUILTIN_CONNECTORS: 'ioc-feeds',
            THREATLOOM_CONNECTOR_IOC_FEEDS: value,
          },
        });
      } catch (error) {
        return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.message}`).join('; ');
      }
      return 'none';
    };
    expect(problemOf('[{"name": "a", "source": "/x"}, {"name": "a", "source": "/y"}]')).toContain(
      'two feeds have the same name',
    );
    expect(problemOf('[{"name": "a"}]')).toContain('THREATLOOM_CONNECTOR_IOC_FEEDS');
    expect(problemOf('[{"name": "a", "source": "/x", "format": "xml"}]')).toContain('format');
    expect(problemOf('[not json')).toContain('not JSON');
    expect(problemOf('/nonexistent/feeds.json')).toContain(
      'neither a JSON array nor a readable file',
    );
    expect(() => loadConfig({ env: { THREATLOOM_BUILTIN_CONNECTORS: 'ioc-feeds' } })).toThrow(
      'THREATLOOM_CONNECTOR_IOC_FEEDS',
    );
    const dir = mkdtempSync(join(tmpdir(), 'tl-feeds-'));
    const file = join(dir, 'feeds.json');
    writeFileSync(file, JSON.stringify([{ name: 'list', source: '/data/list.txt', minScore: 40 }]));
    const config = loadConfig({
      env: { THREATLOOM_BUILTIN_CONNECTORS: 'ioc-feeds', THREATLOOM_CONNECTOR_IOC_FEEDS: file },
    });
    rmSync(dir, { recursive: true });
    expect(config.connectors.builtIn.iocFeeds).toMatchObject({
      intervalMinutes: 60,
      feeds: [
        { name: 'list', source: '/data/list.txt', format: 'text', type: 'auto', minScore: 40 },
      ],
    });
  });

  it('reads HTTP enrichers, one per API, and names a bad one', () => {
    const env = (value: string) => ({
      THREATLOOM_BUILTIN_CONNECTORS: 'http-enricher',
      THREATLOOM_CONNECTOR_HTTP_ENRICHERS: value,
    });
    expect(() =>
      loadConfig({ env: env('[{"name": "Bad Name", "url": "http://x/{value}"}]') }),
    ).toThrow('lower-case letters, digits and dashes');
    expect(() => loadConfig({ env: env('[{"name": "vt", "url": "ftp://x/{value}"}]') })).toThrow(
      'an http(s) URL',
    );
    const config = loadConfig({
      env: env('[{"name": "vt", "url": "https://vt.example/{value}", "mapping": {"score": "s"}}]'),
    });
    expect(config.connectors.builtIn.httpEnrichers).toEqual([
      expect.objectContaining({
        name: 'vt',
        method: 'GET',
        auto: false,
        notFound: [404],
        mapping: { score: 's', scoreScale: 1 },
      }),
    ]);
  });

  it('ignores the test suites’ own THREATLOOM_TEST_ variables', () => {
    expect(() =>
      loadConfig({ env: { THREATLOOM_TEST_REDIS_URL: 'redis://127.0.0.1:6379' } }),
    ).not.toThrow();
  });
});

describe(describeConfig.name, () => {
  it('masks secrets and marks defaults', () => {
    const lines = describeConfig({
      THREATLOOM_ADMIN_PASSWORD: 'hunter2hunter2',
      THREATLOOM_PORT: '8080',
    });
    expect(lines).toContain('THREATLOOM_ADMIN_PASSWORD=********');
    expect(lines).toContain('THREATLOOM_PORT=8080');
    expect(lines).toContain('THREATLOOM_PROFILE=embedded (default)');
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});

describe(`${loadConfig.name} auth`, () => {
  it('gives safe defaults in minutes turned to milliseconds', () => {
    const { auth } = loadConfig({ env: {} });
    expect(auth).toEqual({
      sessionSecret: undefined,
      sessionMaxAgeMs: 720 * 60_000,
      cookieSecure: false,
      trustProxy: false,
      lockout: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
      rateLimitPerMinute: 30,
      graphql: { maxDepth: 25, maxCost: 1_000_000 },
    });
  });

  it('reads proxies as a hop count or a list, and refuses trusting everyone', () => {
    expect(loadConfig({ env: { THREATLOOM_TRUST_PROXY: '1' } }).auth.trustProxy).toBe(1);
    expect(
      loadConfig({ env: { THREATLOOM_TRUST_PROXY: 'loopback, 10.0.0.0/8' } }).auth.trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8']);
    expect(() => loadConfig({ env: { THREATLOOM_TRUST_PROXY: 'true' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { THREATLOOM_SESSION_SECRET: 'short' } })).toThrow(ConfigError);
  });
});
