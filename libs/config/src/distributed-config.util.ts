import type { Config } from './config.types';

type PortSlices = Pick<Config, 'blob' | 'queue' | 'bus' | 'cache' | 'events'>;

/**
 * The distributed profile's adapter configuration (S3, BullMQ and the cache and live stream on
 * Redis, RabbitMQ) from parsed variable values. The required ones are checked before.
 */
export function distributedPortConfig(v: Readonly<Record<string, unknown>>): PortSlices {
  const redis = {
    url: v.THREATLOOM_REDIS_URL as string,
    prefix: v.THREATLOOM_REDIS_PREFIX as string,
  };
  return {
    blob: {
      driver: 's3',
      s3: {
        endpoint: v.THREATLOOM_S3_ENDPOINT as string,
        bucket: v.THREATLOOM_S3_BUCKET as string,
        region: v.THREATLOOM_S3_REGION as string,
        accessKey: v.THREATLOOM_S3_ACCESS_KEY as string | undefined,
        secretKey: v.THREATLOOM_S3_SECRET_KEY as string | undefined,
        forcePathStyle: v.THREATLOOM_S3_FORCE_PATH_STYLE === 'true',
        partSizeMb: v.THREATLOOM_S3_PART_SIZE_MB as number,
      },
    },
    queue: { driver: 'bullmq', redis },
    bus: {
      driver: 'rabbitmq',
      rabbitmq: {
        url: v.THREATLOOM_RABBITMQ_URL as string,
        prefix: v.THREATLOOM_RABBITMQ_PREFIX as string,
        queueType: v.THREATLOOM_RABBITMQ_QUEUE_TYPE as 'classic' | 'quorum',
      },
    },
    cache: {
      driver: 'redis',
      redis: { ...redis, maxEntries: v.THREATLOOM_CACHE_MAX_ENTRIES as number },
    },
    events: {
      driver: 'redis',
      maxEvents: v.THREATLOOM_EVENTS_MAX as number,
      redis: { ...redis, trim: v.THREATLOOM_REDIS_STREAM_TRIM as 'approximate' | 'exact' },
    },
  };
}
