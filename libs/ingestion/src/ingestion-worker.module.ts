import { Module } from '@nestjs/common';
import { IngestionModule } from './ingestion.module';
import { IngestionJobsConsumer } from './services/ingestion-jobs.consumer';

/** What the worker role adds: the consumer of the ingestion queue. */
@Module({ imports: [IngestionModule], providers: [IngestionJobsConsumer] })
export class IngestionWorkerModule {}
