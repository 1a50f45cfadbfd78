import { Global, Module } from '@nestjs/common';
import type { DynamicModule, FactoryProvider } from '@nestjs/common';
import type { ConnectorBusConfig } from '@lib/config';
import { assertNever } from '@lib/kernel';
import { SqliteDatabase } from '@lib/sqlite';
import { SqliteConnectorBus } from './adapters/sqlite-connector-bus.adapter';
import { ConnectorBus } from './connector-bus.port';

/** Provides the ConnectorBus port with the adapter the config names. */
@Global()
@Module({})
export class ConnectorBusModule {
  static forRoot(config: ConnectorBusConfig): DynamicModule {
    return {
      module: ConnectorBusModule,
      providers: [connectorBusProvider(config)],
      exports: [ConnectorBus],
    };
  }
}

function connectorBusProvider(config: ConnectorBusConfig): FactoryProvider<ConnectorBus> {
  switch (config.driver) {
    case 'sqlite':
      return {
        provide: ConnectorBus,
        useFactory: (database: SqliteDatabase) => new SqliteConnectorBus(database, config),
        inject: [SqliteDatabase],
      };
    case 'rabbitmq':
      // The adapter (and amqplib) is loaded only when this driver is configured.
      return {
        provide: ConnectorBus,
        useFactory: async () => {
          const { RabbitMqConnectorBus } =
            await import('./adapters/rabbitmq-connector-bus.adapter.js');
          return new RabbitMqConnectorBus(config.rabbitmq);
        },
      };
    default:
      return assertNever(config, 'connector bus driver');
  }
}
