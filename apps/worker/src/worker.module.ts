import { Module } from '@nestjs/common';
import { IngestionWorkerModule } from '@lib/ingestion';

/** The worker role: consumers of the ingestion queue (and, later, rules, exports, retention…). */
@Module({ imports: [IngestionWorkerModule] })
export class WorkerModule {}
