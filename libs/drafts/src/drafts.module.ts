import { Module } from '@nestjs/common';
import { IngestionModule } from '@lib/ingestion';
import { DraftsService } from './services/drafts.service';

/** Draft workspaces: knowledge staged by imports, reviewed, then validated into the graph. */
@Module({
  imports: [IngestionModule],
  providers: [DraftsService],
  exports: [DraftsService],
})
export class DraftsModule {}
