import { Module } from '@nestjs/common';
import { ConnectorsModule } from '@lib/connectors';
import { IngestionModule } from '@lib/ingestion';
import { KnowledgeBundleService } from './services/knowledge-bundle.service';
import { KnowledgeCreateService } from './services/knowledge-create.service';
import { KnowledgeDeleteService } from './services/knowledge-delete.service';
import { KnowledgeEditService } from './services/knowledge-edit.service';
import { KnowledgeFilesService } from './services/knowledge-files.service';
import { KnowledgeFileJobsService } from './services/knowledge-file-jobs.service';
import { KnowledgeMergeService } from './services/knowledge-merge.service';

const SERVICES = [
  KnowledgeCreateService,
  KnowledgeEditService,
  KnowledgeDeleteService,
  KnowledgeMergeService,
  KnowledgeFilesService,
  KnowledgeFileJobsService,
  KnowledgeBundleService,
];

/** The knowledge write services the GraphQL mutations call (issue #4). Needs the store ports. */
@Module({
  imports: [IngestionModule, ConnectorsModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class KnowledgeModule {}
