import DataLoader from 'dataloader';
import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';

/**
 * Per-request batching of element reads: every relation field of a page (creator, markings, labels,
 * external references, kill chain phases, relationship ends, container objects) resolves through
 * one `getMany` per tick instead of one query per field and row.
 */
export class KnowledgeLoaders {
  readonly byId: DataLoader<string, StoredElement | undefined>;

  constructor(store: EntityStore, ctx: AccessContext) {
    this.byId = new DataLoader(
      async (ids: readonly string[]) => {
        const found = await store.getMany(ctx, ids);
        return ids.map((id) => found.get(id));
      },
      { maxBatchSize: 5000 },
    );
  }

  /** The visible elements among `ids`, in order (absent or invisible ones left out). */
  async many(ids: readonly string[]): Promise<StoredElement[]> {
    if (ids.length === 0) return [];
    const loaded = await this.byId.loadMany(ids);
    return loaded.filter((e): e is StoredElement => e !== undefined && !(e instanceof Error));
  }
}
