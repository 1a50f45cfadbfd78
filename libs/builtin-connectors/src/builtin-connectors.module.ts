import { Module } from '@nestjs/common';
import { AuthModule } from '@lib/auth';
import { ConnectorsModule } from '@lib/connectors';
import { DraftsModule } from '@lib/drafts';
import { IngestionModule } from '@lib/ingestion';
import { KnowledgeModule } from '@lib/knowledge';
import { StreamsModule } from '@lib/streams';
import { BuiltInConnectorsHost } from './services/builtin-connectors.host';

/** The built-in connectors, run by the connector-host role. */
@Module({
  imports: [
    ConnectorsModule,
    KnowledgeModule,
    IngestionModule,
    AuthModule,
    StreamsModule,
    DraftsModule,
  ],
  providers: [BuiltInConnectorsHost],
  exports: [BuiltInConnectorsHost],
})
export class BuiltInConnectorsModule {}
