import type { TokenAuthService } from '@lib/auth';
import type { BlobStore } from '@lib/blob-store';
import type { DraftsService } from '@lib/drafts';
import type { EntityStore } from '@lib/entity-store';
import type { IngestionService } from '@lib/ingestion';
import type {
  KnowledgeDeleteService,
  KnowledgeFilesService,
  KnowledgeMergeService,
} from '@lib/knowledge';
import type { SearchIndex } from '@lib/search-index';

/** The platform services built-in connectors read files and knowledge through. */
export type ConnectorDeps = {
  blobs: BlobStore;
  store: EntityStore;
  index: SearchIndex;
  files: KnowledgeFilesService;
  auth: TokenAuthService;
  ingestion: IngestionService;
  deleter: KnowledgeDeleteService;
  merger: KnowledgeMergeService;
  drafts: DraftsService;
};
