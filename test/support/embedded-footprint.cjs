// Run by apps/platform/test/embedded-footprint.e2e-spec.ts on the build (dist/):
// `embedded-footprint.cjs all [closed port]` boots the embedded platform with every role and
// prints the packages it loaded as one JSON line, then (given a closed loopback port) runs each
// distributed probe against it and prints the packages loaded after;
// `embedded-footprint.cjs none` boots it with no role, as the import command and the benches do.
// The compiled dynamic imports are what this checks: jest's own loader never runs them.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', 'dist');
const { NestFactory } = require('@nestjs/core');
const { PlatformModule, startPlatform } = require(join(dist, 'apps', 'platform', 'src'));
const { loadConfig } = require(join(dist, 'libs', 'config', 'src'));

function loadedPackages() {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (match) names.add(match[1]);
  }
  return [...names].sort();
}

async function probeOutcomes(port) {
  const probes = {
    redis: () =>
      require(join(dist, 'libs', 'cache', 'src')).probeRedis(`redis://127.0.0.1:${port}`, 2000),
    rabbitmq: () =>
      require(join(dist, 'libs', 'connector-bus', 'src')).probeRabbitMq(
        `amqp://127.0.0.1:${port}`,
        2000,
      ),
    s3: () =>
      require(join(dist, 'libs', 'blob-store', 'src')).probeS3(
        {
          endpoint: `http://127.0.0.1:${port}`,
          region: 'us-east-1',
          bucket: 'footprint',
          forcePathStyle: true,
          accessKey: 'footprint',
          secretKey: 'footprint',
        },
        2000,
      ),
    opensearch: () =>
      require(join(dist, 'libs', 'opensearch', 'src')).probeSearchEngine(
        { engine: 'opensearch', nodes: [`http://127.0.0.1:${port}`] },
        2000,
      ),
    // The Elasticsearch client retries a refused connection for seconds: connecting is enough.
    elasticsearch: async () => {
      const { SearchEngine } = require(join(dist, 'libs', 'opensearch', 'src'));
      const engine = await SearchEngine.connect({
        engine: 'elasticsearch',
        nodes: [`http://127.0.0.1:${port}`],
      });
      await engine.close();
      return `connected to ${engine.kind}`;
    },
  };
  const outcomes = {};
  for (const [name, probe] of Object.entries(probes)) {
    outcomes[name] = await probe().then(
      (outcome) => outcome ?? 'answered',
      (error) => String(error?.code ?? error?.message ?? error),
    );
  }
  return outcomes;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tl-footprint-'));
  const config = loadConfig({
    env: {
      THREATLOOM_DATA_DIR: dir,
      THREATLOOM_PORT: '0',
      THREATLOOM_HOST: '127.0.0.1',
      THREATLOOM_ADMIN_TOKEN: 'a5b6c7d8-1234-4abc-9def-0123456789ab',
      THREATLOOM_ADMIN_PASSWORD: 'correct horse battery',
      THREATLOOM_LOG_LEVEL: 'silent',
    },
    appFlag: 'all',
  });
  const [roles, port] = process.argv.slice(2);
  const app =
    roles === 'none'
      ? await NestFactory.createApplicationContext(PlatformModule.forRoot(config, []), {
          logger: ['error'],
        })
      : await startPlatform(config);
  try {
    process.stdout.write(`${JSON.stringify({ booted: loadedPackages() })}\n`);
    if (port) {
      const outcomes = await probeOutcomes(Number(port));
      process.stdout.write(`${JSON.stringify({ outcomes, probed: loadedPackages() })}\n`);
    }
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
