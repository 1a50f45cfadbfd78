import { distributedPortConfig } from './distributed-config.util';

describe(distributedPortConfig.name, () => {
  it('points every distributed adapter at its service', () => {
    const sut = distributedPortConfig({
      THREATLOOM_REDIS_URL: 'redis://redis:6379',
      THREATLOOM_REDIS_PREFIX: 'tl:',
      THREATLOOM_REDIS_STREAM_TRIM: 'approximate',
      THREATLOOM_RABBITMQ_URL: 'amqp://u:p@rabbitmq:5672',
      THREATLOOM_RABBITMQ_PREFIX: '',
      THREATLOOM_RABBITMQ_QUEUE_TYPE: 'classic',
      THREATLOOM_S3_ENDPOINT: 'http://minio:9000',
      THREATLOOM_S3_BUCKET: 'threatloom',
      THREATLOOM_S3_REGION: 'us-east-1',
      THREATLOOM_S3_FORCE_PATH_STYLE: 'true',
      THREATLOOM_S3_PART_SIZE_MB: 8,
      THREATLOOM_CACHE_MAX_ENTRIES: 100,
      THREATLOOM_EVENTS_MAX: 1000,
    });
    expect(sut).toEqual({
      blob: {
        driver: 's3',
        s3: {
          endpoint: 'http://minio:9000',
          bucket: 'threatloom',
          region: 'us-east-1',
          accessKey: undefined,
          secretKey: undefined,
          forcePathStyle: true,
          partSizeMb: 8,
        },
      },
      queue: { driver: 'bullmq', redis: { url: 'redis://redis:6379', prefix: 'tl:' } },
      bus: {
        driver: 'rabbitmq',
        rabbitmq: { url: 'amqp://u:p@rabbitmq:5672', prefix: '', queueType: 'classic' },
      },
      cache: {
        driver: 'redis',
        redis: { url: 'redis://redis:6379', prefix: 'tl:', maxEntries: 100 },
      },
      events: {
        driver: 'redis',
        maxEvents: 1000,
        redis: { url: 'redis://redis:6379', prefix: 'tl:', trim: 'approximate' },
      },
    });
  });
});
