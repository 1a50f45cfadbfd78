import { Global, Module } from '@nestjs/common';
import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import type { JobQueueConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { SqliteJobQueue } from './adapters/sqlite-job-queue.adapter';
import { JobQueue } from './job-queue.port';

/** Provides the JobQueue port with the adapter the config names. */
@Global()
@Module({})
export class JobQueueModule {
  static forRoot(config: JobQueueConfig): DynamicModule {
    return { module: JobQueueModule, providers: [jobQueueProvider(config)], exports: [JobQueue] };
  }
}

function jobQueueProvider(config: JobQueueConfig): FactoryProvider<JobQueue> {
  switch (config.driver) {
    case 'sqlite':
      return {
        provide: JobQueue,
        useFactory: (database: SqliteDatabase) => new SqliteJobQueue(database, config),
        inject: [SqliteDatabase],
      };
    case 'bullmq':
      // The adapter (and BullMQ, ioredis) is loaded only when this driver is configured.
      return {
        provide: JobQueue,
        useFactory: async () => {
          const { BullMqJobQueue } = await import('./adapters/bullmq-job-queue.adapter.js');
          return new BullMqJobQueue(config.redis);
        },
      };
    default:
      return assertNever(config, 'job queue driver');
  }
}
