import { Module } from '@nestjs/common';
import { ConnectorWorkerModule } from '@lib/connectors';
import { IngestionWorkerModule } from '@lib/ingestion';

/**
 * The worker role: consumers of the ingestion queue and of the connectors' push queues (and,
 * later, rules, exports, retention…).
 */
@Module({ imports: [IngestionWorkerModule, ConnectorWorkerModule] })
export class WorkerModule {}
