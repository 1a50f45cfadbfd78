import DataLoader from 'dataloader';
import type { EntityStore, StoredElement } from '@lib/entity-store';
import type { KnowledgeFile } from '@lib/knowledge';
import type { AccessContext } from '@lib/rbac';
import type { SearchIndex } from '@lib/search-index';

const MAX_BASED_ON = 5000;

/** The files of an element, as the caller may see them. */
export type FileLists = {
  imports(id: string): Promise<KnowledgeFile[]>;
  exports(id: string): Promise<KnowledgeFile[]>;
};

/**
 * Per-request batching of element reads: every relation field of a page (creator, markings, labels,
 * external references, kill chain phases, relationship ends, container objects) resolves through
 * one `getMany` per tick instead of one query per field and row.
 */
export class KnowledgeLoaders {
  readonly byId: DataLoader<string, StoredElement | undefined>;
  /** Element id → the `based-on` relationships it is an end of (indicators ↔ observables). */
  readonly basedOn: DataLoader<string, StoredElement[]>;

  constructor(
    store: EntityStore,
    index: SearchIndex,
    ctx: AccessContext,
    private readonly fileLists?: FileLists,
  ) {
    this.byId = new DataLoader(
      async (ids: readonly string[]) => {
        const found = await store.getMany(ctx, ids);
        return ids.map((id) => found.get(id));
      },
      { maxBatchSize: 5000 },
    );
    this.basedOn = new DataLoader(
      async (ids: readonly string[]) => {
        const page = await index.search(ctx, {
          types: ['based-on'],
          filters: {
            mode: 'and',
            filters: [{ key: ['fromOrToId'], values: [...ids] }],
            filterGroups: [],
          },
          first: MAX_BASED_ON,
        });
        const byEnd = new Map<string, StoredElement[]>();
        for (const rel of page.items) {
          for (const end of [rel.fromId, rel.toId]) {
            if (end) byEnd.set(end, [...(byEnd.get(end) ?? []), rel]);
          }
        }
        return ids.map((id) => byEnd.get(id) ?? []);
      },
      { maxBatchSize: 500 },
    );
  }

  /** The elements at the other end of `id`'s based-on relationships. */
  async basedOnEnds(id: string): Promise<StoredElement[]> {
    const relations = await this.basedOn.load(id);
    return this.many(relations.map((r) => (r.fromId === id ? r.toId : r.fromId) ?? ''));
  }

  /** The files attached to an element (`importFiles`), sorted by name. */
  async files(id: string): Promise<KnowledgeFile[]> {
    return this.fileLists ? this.fileLists.imports(id) : [];
  }

  /** The element's exports, then those in progress (`exportFiles`). */
  async exports(id: string): Promise<KnowledgeFile[]> {
    return this.fileLists ? this.fileLists.exports(id) : [];
  }

  /** The visible elements among `ids`, in order (absent or invisible ones left out). */
  async many(ids: readonly string[]): Promise<StoredElement[]> {
    if (ids.length === 0) return [];
    const loaded = await this.byId.loadMany(ids);
    return loaded.filter((e): e is StoredElement => e !== undefined && !(e instanceof Error));
  }
}
