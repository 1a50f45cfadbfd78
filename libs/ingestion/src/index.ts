export { IngestionModule } from './ingestion.module';
export { IngestionService } from './services/ingestion.service';
export { IngestionRun } from './services/ingestion-run';
export type {
  IngestionProgress,
  IngestionReport,
  IngestionRunOptions,
  OutcomeCounts,
  RejectedObject,
} from './ingestion.types';
export { IngestionWorkerModule } from './ingestion-worker.module';
export { IngestionJobsService } from './services/ingestion-jobs.service';
export { IMPORT_BUNDLE_JOB, INGESTION_QUEUE } from './jobs/import-bundle.job';
export type { ImportBundlePayload } from './jobs/import-bundle.job';
