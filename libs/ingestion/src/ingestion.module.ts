import { Module } from '@nestjs/common';
import { WorksModule } from '@lib/works';
import { IngestionService } from './services/ingestion.service';
import { IngestionJobsService } from './services/ingestion-jobs.service';

@Module({
  imports: [WorksModule],
  providers: [IngestionService, IngestionJobsService],
  exports: [IngestionService, IngestionJobsService],
})
export class IngestionModule {}
