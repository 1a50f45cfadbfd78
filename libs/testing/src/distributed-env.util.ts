import { Redis } from 'ioredis';
import { processEnv } from '@lib/config';
import { connectTestSearchEngine, deleteIndices, testSearchEngineUrl } from '@lib/opensearch';

/**
 * The THREATLOOM_* variables that point the distributed profile at the servers scripts/services
 * starts on loopback (the THREATLOOM_TEST_* variables, where set, name other servers).
 */
export function loopbackServicesEnv(): Record<string, string> {
  const env = processEnv();
  return {
    THREATLOOM_ELASTIC_URL: testSearchEngineUrl('opensearch'),
    THREATLOOM_ELASTIC_ENGINE: 'opensearch',
    THREATLOOM_REDIS_URL: env.THREATLOOM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    THREATLOOM_RABBITMQ_URL:
      env.THREATLOOM_TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    THREATLOOM_S3_ENDPOINT: env.THREATLOOM_TEST_S3_ENDPOINT ?? 'http://127.0.0.1:9090',
    THREATLOOM_S3_ACCESS_KEY: 'test',
    THREATLOOM_S3_SECRET_KEY: 'test',
    THREATLOOM_S3_FORCE_PATH_STYLE: 'true',
  };
}

/** Names unique to one run: index prefix, Redis key prefix, RabbitMQ prefix and bucket. */
export function runNamesEnv(run: string): Record<string, string> {
  return {
    THREATLOOM_ELASTIC_INDEX_PREFIX: `${run}_`,
    THREATLOOM_REDIS_PREFIX: `${run}:`,
    THREATLOOM_RABBITMQ_PREFIX: run,
    THREATLOOM_S3_BUCKET: run.replace(/_/g, '-'),
  };
}

/**
 * Deletes what one run (`runNamesEnv`) left on the loopback services: its indices, and its Redis
 * keys (the live stream and its per-element history grow with every object a run writes).
 */
export async function dropRunData(run: string): Promise<void> {
  const { engine } = await connectTestSearchEngine('opensearch');
  try {
    await deleteIndices(engine, `${run}_`);
  } finally {
    await engine.close();
  }
  const redis = new Redis(loopbackServicesEnv().THREATLOOM_REDIS_URL ?? '', { lazyConnect: true });
  try {
    await redis.connect();
    const keys = redis.scanStream({ match: `${run}:*`, count: 10_000 });
    for await (const batch of keys as AsyncIterable<string[]>) {
      if (batch.length > 0) await redis.unlink(...batch);
    }
  } finally {
    redis.disconnect();
  }
}
