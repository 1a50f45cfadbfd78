import { Module } from '@nestjs/common';
import { AuthModule } from '@lib/auth';
import { DraftsModule } from '@lib/drafts';
import { IngestionModule } from '@lib/ingestion';
import { ConnectorsModule } from './connectors.module';
import { AutoEnrichmentService } from './services/auto-enrichment.service';
import { ConnectorPushConsumer } from './services/connector-push.consumer';
import { ListenCallbackClient } from './services/listen-callback.client';

/**
 * What the worker role adds for connectors: the consumers of their push queues, the callbacks of
 * the HTTP listen mode and the automatic enrichment dispatch.
 */
@Module({
  imports: [AuthModule, DraftsModule, ConnectorsModule, IngestionModule],
  providers: [ConnectorPushConsumer, ListenCallbackClient, AutoEnrichmentService],
})
export class ConnectorWorkerModule {}
