import { Global, Module } from '@nestjs/common';
import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import type { EventStreamConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { SqliteEventStream } from './adapters/sqlite-event-stream.adapter';
import { EventStream } from './event-stream.port';

/** Provides the EventStream port with the adapter the config names. */
@Global()
@Module({})
export class EventStreamModule {
  static forRoot(config: EventStreamConfig): DynamicModule {
    return {
      module: EventStreamModule,
      providers: [eventStreamProvider(config)],
      exports: [EventStream],
    };
  }
}

function eventStreamProvider(config: EventStreamConfig): FactoryProvider<EventStream> {
  switch (config.driver) {
    case 'sqlite':
      return {
        provide: EventStream,
        useFactory: (database: SqliteDatabase) => new SqliteEventStream(database, config),
        inject: [SqliteDatabase],
      };
    case 'redis':
      // The adapter (and ioredis) is loaded only when this driver is configured.
      return {
        provide: EventStream,
        useFactory: async () => {
          const { RedisEventStream } = await import('./adapters/redis-event-stream.adapter.js');
          return new RedisEventStream(config);
        },
      };
    default:
      return assertNever(config, 'event stream driver');
  }
}
