import { Module } from '@nestjs/common';
import { IngestionModule } from '@lib/ingestion';
import { KnowledgeModule } from '@lib/knowledge';
import { StreamsModule } from '@lib/streams';
import { WorksModule } from '@lib/works';
import { FeedCollectionsService } from './services/feed-collections.service';
import { FeedService } from './services/feed.service';
import { TaxiiCollectionsService } from './services/taxii-collections.service';
import { TaxiiService } from './services/taxii.service';
import { TaxiiVersionsService } from './services/taxii-versions.service';

/** Sharing: the TAXII 2.1 server and pull feeds (the core role exposes them). */
@Module({
  imports: [IngestionModule, KnowledgeModule, StreamsModule, WorksModule],
  providers: [
    TaxiiCollectionsService,
    TaxiiService,
    TaxiiVersionsService,
    FeedCollectionsService,
    FeedService,
  ],
  exports: [TaxiiCollectionsService, TaxiiService, FeedCollectionsService, FeedService],
})
export class SharingModule {}
