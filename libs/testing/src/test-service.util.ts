import { connect } from 'node:net';
import { processEnv } from '@lib/config';

/** The real servers the contract suites of the distributed adapters run against. */
export type TestService = 'redis' | 'rabbitmq' | 'rabbitmq-management' | 's3';

const SERVICES: Record<TestService, { env: string; fallback: string; script: string }> = {
  redis: { env: 'THREATLOOM_TEST_REDIS_URL', fallback: 'redis://127.0.0.1:6379', script: 'redis' },
  rabbitmq: {
    env: 'THREATLOOM_TEST_RABBITMQ_URL',
    fallback: 'amqp://guest:guest@127.0.0.1:5672',
    script: 'rabbitmq',
  },
  'rabbitmq-management': {
    env: 'THREATLOOM_TEST_RABBITMQ_MANAGEMENT_URL',
    fallback: 'http://guest:guest@127.0.0.1:15672',
    script: 'rabbitmq',
  },
  s3: { env: 'THREATLOOM_TEST_S3_ENDPOINT', fallback: 'http://127.0.0.1:9090', script: 's3' },
};

const DEFAULT_PORTS: Record<string, number> = { 'redis:': 6379, 'amqp:': 5672, 'http:': 80 };

/**
 * The URL of a test service (from its THREATLOOM_TEST_* variable, else the loopback address
 * scripts/services uses), after checking that it accepts connections. Never skips: an
 * unreachable service fails the suite with a message naming it and the command that starts it.
 */
export async function requireTestService(service: TestService): Promise<string> {
  const { env, fallback, script } = SERVICES[service];
  const url = processEnv()[env] ?? fallback;
  const parsed = new URL(url);
  const port = Number(parsed.port) || (DEFAULT_PORTS[parsed.protocol] ?? 0);
  try {
    await probe(parsed.hostname, port);
  } catch (cause) {
    throw new Error(
      `${service} is not reachable at ${parsed.host} (${String(cause)}): run \`scripts/services ${script}\`, or point ${env} at a running server`,
      { cause },
    );
  }
  return url;
}

function probe(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error('timed out'));
    });
    socket.once('error', reject);
  });
}
