import type { EntityStore } from '@lib/entity-store';
import type { KnowledgeFileJobsService } from '@lib/knowledge';
import type { SearchIndex } from '@lib/search-index';
import type { AuthenticatedRequest } from '../../../auth/request-context.types';
import { KnowledgeLoaders } from './knowledge-loaders.service';

/** The per-request part of the GraphQL context the knowledge fields need. */
export class KnowledgeRequest {
  private created?: KnowledgeLoaders;

  constructor(
    private readonly store: EntityStore,
    private readonly index: SearchIndex,
    private readonly req: AuthenticatedRequest,
    private readonly files?: KnowledgeFileJobsService,
  ) {}

  /** This request's loaders, created on first use with the AccessContext the guard resolved. */
  loaders(): KnowledgeLoaders {
    if (!this.created) {
      const ctx = this.req.accessContext;
      if (!ctx) throw new Error('Knowledge fields read before authentication');
      const files = this.files;
      this.created = new KnowledgeLoaders(
        this.store,
        this.index,
        ctx,
        files
          ? {
              imports: (id) => files.importFiles(ctx, id),
              exports: (id) => files.exportFiles(ctx, id),
            }
          : undefined,
      );
    }
    return this.created;
  }
}
