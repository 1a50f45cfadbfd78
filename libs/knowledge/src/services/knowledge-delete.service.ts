import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { ElementWrite, StoredElement } from '@lib/entity-store';
import type { StreamEventDraft } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { commitWithRetry } from '../internal/commit-retry.util';
import { deleteEvent, originOf, updateEvent } from '../internal/element-events.util';
import { loadVisible, requireCapability, requireMemberRight } from '../internal/element-loader';
import { elementPrefixes } from '../internal/file-keys.util';
import { referrersOf, relationshipsOf } from '../internal/graph-queries.util';

const SYSTEM = systemContext('knowledge-delete');

/** Deletion of an element with everything that cannot live without it. */
@Injectable()
export class KnowledgeDeleteService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(BlobStore) private readonly blobs: BlobStore,
  ) {}

  /**
   * Deletes the element, the relationships (and sightings) attached to it, recursively, and removes
   * the refs other elements hold to any of them; one delete event per deleted element, one update
   * event per element whose refs changed, all in one commit. Returns the deleted element's id.
   */
  async delete(ctx: AccessContext, id: string): Promise<string> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNDELETE');
    const deleted = await commitWithRetry(this.store, async () => {
      const element = await loadVisible(this.store, ctx, id);
      requireMemberRight(ctx, element, 'admin');
      const doomed = await this.cascade(element);
      const doomedIds = new Set(doomed.map((e) => e.internalId));
      const referrers = (await referrersOf(this.index, SYSTEM, [...doomedIds])).filter(
        (e) => !doomedIds.has(e.internalId),
      );
      const now = new Date().toISOString();
      const updates = referrers.map((before) => ({
        before,
        after: withoutRefs(before, doomedIds, now),
      }));
      const lookup = await targetLookup(this.store, [...doomed, ...referrers], doomed);
      const origin = originOf(ctx);
      const events: StreamEventDraft[] = [
        ...updates.map(({ before, after }) => updateEvent(before, after, lookup, origin)),
        ...doomed.map((e) => deleteEvent(e, lookup, origin)),
      ];
      const upserts: ElementWrite[] = updates.map(({ before, after }) => ({
        element: after,
        expectedVersion: before.version,
      }));
      return {
        batch: {
          upserts,
          deletes: doomed.map((e) => ({ internalId: e.internalId, expectedVersion: e.version })),
          events,
        },
        result: doomed,
      };
    });
    // Files go once the elements are gone: a failure here leaves orphan files, never lost data.
    for (const element of deleted) {
      for (const prefix of elementPrefixes(element)) {
        for (const file of await this.blobs.list(prefix)) {
          await this.blobs.delete(file.key);
        }
      }
    }
    return deleted[0]?.internalId ?? id;
  }

  // The element and, transitively, the relationships of which it (or one of them) is an end.
  private async cascade(element: StoredElement): Promise<StoredElement[]> {
    const all = new Map([[element.internalId, element]]);
    let frontier = [element.internalId];
    while (frontier.length > 0) {
      const relations = await relationshipsOf(this.index, SYSTEM, frontier);
      frontier = [];
      for (const relation of relations) {
        if (!all.has(relation.internalId)) {
          all.set(relation.internalId, relation);
          frontier.push(relation.internalId);
        }
      }
    }
    return [...all.values()];
  }
}

function withoutRefs(
  element: StoredElement,
  removed: ReadonlySet<string>,
  now: string,
): StoredElement {
  const refs: Record<string, string[]> = {};
  for (const [rel, targets] of Object.entries(element.refs)) {
    const kept = targets.filter((t) => !removed.has(t));
    if (kept.length > 0) {
      refs[rel] = kept;
    }
  }
  return { ...element, refs, updatedAt: now, version: element.version + 1 };
}
