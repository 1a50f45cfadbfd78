import { Redis } from 'ioredis';

/** Connects once (no retry) and pings: resolves when Redis answers, rejects with the reason. */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // A refused connection is reported through connect()'s rejection; the event would be unhandled.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } finally {
    redis.disconnect();
  }
}
