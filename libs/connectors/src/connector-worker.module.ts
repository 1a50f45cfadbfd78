import { Module } from '@nestjs/common';
import { IngestionModule } from '@lib/ingestion';
import { ConnectorsModule } from './connectors.module';
import { ConnectorPushConsumer } from './services/connector-push.consumer';

/** What the worker role adds for connectors: the consumers of their push queues. */
@Module({ imports: [ConnectorsModule, IngestionModule], providers: [ConnectorPushConsumer] })
export class ConnectorWorkerModule {}
