import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import { EntityStore, targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf, refDefinitionsFor } from '@lib/stix';
import { invalidInput } from '../errors/knowledge.error';
import { commitWithRetry } from '../internal/commit-retry.util';
import { elementIds } from '../internal/element-ids.util';
import { mergeEvent, originOf } from '../internal/element-events.util';
import { loadVisible, requireCapability } from '../internal/element-loader';
import { moveFiles } from '../internal/file-moves.util';
import { addMarkings } from '../internal/field-patch.util';
import { referrersOf, relationshipsOf } from '../internal/graph-queries.util';
import { mergeAttributes, mergeRefs } from '../internal/merge-attributes.util';
import { repointRelationships } from '../internal/repoint-relationships.util';
import type { Repointed } from '../internal/repoint-relationships.util';

const SYSTEM = systemContext('knowledge-merge');

/** Explicit merge of duplicates (`stixEdit(id).merge`, data-model.md §3.8). */
@Injectable()
export class KnowledgeMergeService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(BlobStore) private readonly blobs: BlobStore,
  ) {}

  /**
   * The target absorbs the sources: their standard and STIX ids, names (as aliases), list values and
   * refs; relationships and refs pointing at a source are re-pointed to the target (duplicate
   * relationships collapsed); the sources are deleted; one `merge` event, all in one commit.
   * The sources' files are then moved to the target.
   */
  async merge(
    ctx: AccessContext,
    targetId: string,
    sourceIds: readonly string[],
  ): Promise<StoredElement> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNMERGE');
    const { merged, sources } = await commitWithRetry(this.store, async () => {
      const target = await loadVisible(this.store, ctx, targetId);
      const sources = await this.loadSources(ctx, target, sourceIds);
      const replace = new Map(sources.map((s) => [s.internalId, target.internalId]));
      const now = new Date().toISOString();
      const relations = await relationshipsOf(this.index, SYSTEM, [
        target.internalId,
        ...replace.keys(),
      ]);
      const repointed = await repointRelationships(this.store, relations, replace, now);
      const merged = await this.mergedTarget(target, sources, replace, now);
      const { changed, original } = await this.repointReferrers(target, replace, repointed, now);
      relations.forEach((r) => original.set(r.internalId, r));
      const lookup = await targetLookup(this.store, [merged, ...sources], [merged]);
      const upserts = [...changed.values()].map((element) => ({
        element,
        expectedVersion: original.get(element.internalId)?.version ?? 0,
      }));
      return {
        batch: {
          upserts: [{ element: merged, expectedVersion: target.version }, ...upserts],
          deletes: [...sources, ...repointed.deleted].map((e) => ({
            internalId: e.internalId,
            expectedVersion: e.version,
          })),
          events: [mergeEvent(merged, sources, lookup, originOf(ctx))],
        },
        result: { merged, sources },
      };
    });
    for (const source of sources) {
      await moveFiles(this.blobs, source, merged);
    }
    return merged;
  }

  // Elements holding refs to a source (or to a collapsed relationship) now point at the survivor.
  private async repointReferrers(
    target: StoredElement,
    replace: ReadonlyMap<string, string>,
    repointed: Repointed,
    now: string,
  ) {
    const gone = new Set([...replace.keys(), ...repointed.deleted.map((r) => r.internalId)]);
    const refReplace = new Map<string, string | undefined>([...replace, ...repointed.replacements]);
    const referrers = await referrersOf(this.index, SYSTEM, [...refReplace.keys()]);
    const original = new Map(referrers.map((e) => [e.internalId, e]));
    const changed = new Map(repointed.updated.map((r) => [r.internalId, r]));
    for (const referrer of referrers) {
      const current = changed.get(referrer.internalId) ?? referrer;
      if (!gone.has(current.internalId) && current.internalId !== target.internalId) {
        changed.set(current.internalId, withReplacedRefs(current, refReplace, now));
      }
    }
    return { changed, original };
  }

  private async loadSources(
    ctx: AccessContext,
    target: StoredElement,
    sourceIds: readonly string[],
  ): Promise<StoredElement[]> {
    if (!isTypeOf(target.entityType, 'Stix-Core-Object') && target.entityType !== 'Vocabulary') {
      throw invalidInput('id', `a ${target.entityType} cannot be merged`);
    }
    if (sourceIds.length === 0) {
      throw invalidInput('stixObjectsIds', 'names no element to merge');
    }
    const sources = new Map<string, StoredElement>();
    for (const id of sourceIds) {
      const source = await loadVisible(this.store, ctx, id);
      if (source.internalId === target.internalId) {
        throw invalidInput('stixObjectsIds', 'an element cannot be merged into itself');
      }
      if (source.entityType !== target.entityType) {
        throw invalidInput(
          'stixObjectsIds',
          `${id} is a ${source.entityType}, not a ${target.entityType}`,
        );
      }
      sources.set(source.internalId, source);
    }
    return [...sources.values()];
  }

  private async mergedTarget(
    target: StoredElement,
    sources: readonly StoredElement[],
    replace: ReadonlyMap<string, string>,
    now: string,
  ): Promise<StoredElement> {
    const attributes = mergeAttributes(target, sources);
    const ids = elementIds(target.entityType, attributes);
    const stixIds = new Set([
      ...target.stixIds,
      ...sources.flatMap((s) => [s.standardId, ...s.stixIds]),
      ...ids.hashIds,
    ]);
    stixIds.delete(target.standardId);
    const all = [target, ...sources];
    return {
      ...target,
      attributes,
      refs: await this.mergedRefs(target, sources, replace),
      stixIds: [...stixIds],
      aliasIds: [...new Set([...ids.aliasIds, ...all.flatMap((e) => e.aliasIds)])],
      lookupKeys: [...new Set([...ids.lookupKeys, ...all.flatMap((e) => e.lookupKeys)])],
      updatedAt: now,
      version: target.version + 1,
    };
  }

  // Union of refs; single refs keep the target's; markings by the highest order per type.
  private async mergedRefs(
    target: StoredElement,
    sources: readonly StoredElement[],
    replace: ReadonlyMap<string, string>,
  ): Promise<Record<string, string[]>> {
    const refs = mergeRefs(target, sources, replace);
    for (const definition of refDefinitionsFor(target.entityType)) {
      const ids = refs[definition.relationshipType];
      if (ids && !definition.multiple) {
        refs[definition.relationshipType] = ids.slice(0, 1);
      }
    }
    const markings = async (e: StoredElement) => [
      ...(await this.store.getMany(SYSTEM, e.refs['object-marking'] ?? [])).values(),
    ];
    const marked = addMarkings(
      await markings(target),
      (await Promise.all(sources.map(markings))).flat(),
    );
    if (marked.length > 0) {
      refs['object-marking'] = marked;
    }
    return refs;
  }
}

function withReplacedRefs(
  element: StoredElement,
  replace: ReadonlyMap<string, string | undefined>,
  now: string,
): StoredElement {
  const refs: Record<string, string[]> = {};
  for (const [rel, ids] of Object.entries(element.refs)) {
    const mapped = ids
      .map((id) => (replace.has(id) ? replace.get(id) : id))
      .filter((id): id is string => id !== undefined);
    if (mapped.length > 0) {
      refs[rel] = [...new Set(mapped)];
    }
  }
  // An element already re-pointed in this merge (a relationship) keeps its one version bump.
  const bumped =
    element.updatedAt === now
      ? element
      : { ...element, updatedAt: now, version: element.version + 1 };
  return { ...bumped, refs };
}
