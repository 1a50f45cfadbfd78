import { Module } from '@nestjs/common';
import { IngestionModule } from '@lib/ingestion';
import { KnowledgeModule } from '@lib/knowledge';
import { StreamsModule } from '@lib/streams';
import { WorksModule } from '@lib/works';
import { TaxiiCollectionsService } from './services/taxii-collections.service';
import { TaxiiService } from './services/taxii.service';

/** Sharing: the TAXII 2.1 server's collections and logic (the core role exposes them). */
@Module({
  imports: [IngestionModule, KnowledgeModule, StreamsModule, WorksModule],
  providers: [TaxiiCollectionsService, TaxiiService],
  exports: [TaxiiCollectionsService, TaxiiService],
})
export class SharingModule {}
