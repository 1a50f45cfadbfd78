import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { closedPort } from '@lib/testing';
import { ROOT, assertBuilt } from '../../../test/support/cli.util';

// Packages that only a distributed driver, a connector job, the import command or a SAML login
// needs: an embedded platform must boot without them (they cost it about 50 MB of RSS).
const LOADED_ON_DEMAND = [
  '@aws-sdk/client-s3',
  '@aws-sdk/lib-storage',
  '@elastic/elasticsearch',
  '@node-saml/passport-saml',
  '@opensearch-project/opensearch',
  'amqplib',
  'bullmq',
  'cli-progress',
  'html-to-text',
  'ioredis',
  'pdf-parse',
  'pdfkit',
  'undici',
];

/** The JSON lines a script of test/support prints (see there) when run by Node on dist/. */
function footprint(script: string, args: string[] = []): Record<string, unknown>[] {
  const result = spawnSync(process.execPath, [join(ROOT, 'test', 'support', script), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 55_000,
  });
  if (result.status !== 0) {
    throw new Error(`${script} exited ${result.status}: ${result.stderr}`);
  }
  // The first boot also prints the admin's credentials: the JSON lines are the report.
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

// The compiled platform (dist/) in its own process: jest's module loader turns dynamic imports
// into requires, so only a real process shows what the build loads, and that the build's
// dynamic imports resolve.
describe('Embedded platform footprint (dist/)', () => {
  let booted: string[] = [];
  let probed: string[] = [];
  let outcomes: Record<string, string> = {};
  let roleless: string[] = [];
  let lazyImports: string[] = [];
  let lazyFailures: string[] = [];

  beforeAll(async () => {
    assertBuilt();
    const lines = footprint('embedded-footprint.cjs', ['all', String(await closedPort())]);
    booted = (lines[0]?.booted as string[] | undefined) ?? [];
    probed = (lines[1]?.probed as string[] | undefined) ?? [];
    outcomes = (lines[1]?.outcomes as Record<string, string> | undefined) ?? {};
    roleless =
      (footprint('embedded-footprint.cjs', ['none'])[0]?.booted as string[] | undefined) ?? [];
    const imports = footprint('dist-dynamic-imports.mjs')[0] ?? {};
    lazyImports = (imports.checked as string[] | undefined) ?? [];
    lazyFailures = (imports.failures as string[] | undefined) ?? [];
  }, 90_000);

  it('boots with every role without loading a distributed client or an on-demand package', () => {
    // What the embedded profile does use is seen loaded: the list is the real one.
    expect(booted).toEqual(expect.arrayContaining(['better-sqlite3', '@nestjs/core', 'graphql']));
    expect(booted.filter((name) => LOADED_ON_DEMAND.includes(name))).toEqual([]);
  });

  it('boots with no role (the import command) without the GraphQL API, the UI or the roles', () => {
    expect(roleless).toEqual(expect.arrayContaining(['better-sqlite3', '@nestjs/core']));
    for (const name of ['@nestjs/graphql', '@apollo/server', 'graphql', 'markdown-it', 'jose']) {
      expect(roleless).not.toContain(name);
    }
  });

  it('loads each service client when its probe runs, and the probe reports the refused port', () => {
    expect(outcomes).toEqual({
      redis: expect.not.stringMatching(/module|answered/i),
      rabbitmq: 'ECONNREFUSED',
      s3: 'ECONNREFUSED',
      opensearch: 'SEARCH_ENGINE_UNAVAILABLE',
      elasticsearch: 'connected to elasticsearch',
    });
    expect(probed).toEqual(
      expect.arrayContaining([
        'ioredis',
        'amqplib',
        '@aws-sdk/client-s3',
        '@opensearch-project/opensearch',
        '@elastic/elasticsearch',
      ]),
    );
  });

  // The distributed drivers' factories need their services to run: their imports are checked here.
  it('resolves every relative dynamic import of the build under Node, with the names it reads', () => {
    expect(lazyImports).toEqual(
      expect.arrayContaining([
        'libs/job-queue/src/job-queue.module.js -> ./adapters/bullmq-job-queue.adapter.js: BullMqJobQueue',
        'libs/cache/src/cache.module.js -> ./adapters/redis-cache.adapter.js: RedisCache',
        'libs/auth/src/sso/saml-login.service.js -> ./saml-client.util.js: samlClient',
        'apps/platform/src/platform.module.js -> ./roles/core-role.module.js: CoreModule',
      ]),
    );
    expect(lazyFailures).toEqual([]);
  });
});
