import type { EntityStore, StoredElement } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';
import { elementIds } from './element-ids.util';

const SYSTEM = systemContext('knowledge-merge');

export type Repointed = {
  updated: StoredElement[];
  deleted: StoredElement[];
  /** Deleted relationship → the one it collapsed into (undefined: dropped, it linked the target to itself). */
  replacements: Map<string, string | undefined>;
};

const endKey = (r: StoredElement) => `${r.entityType}|${r.fromId ?? ''}|${r.toId ?? ''}`;

/**
 * Moves the ends of relationships from merged sources to the target (`replace`: source → target):
 * their standard ids are recomputed (the previous one kept as a STIX id); a relationship that
 * would link the target to itself, or duplicates one of the same type and ends, is deleted (its
 * STIX ids go to the kept one).
 */
export async function repointRelationships(
  store: EntityStore,
  relations: readonly StoredElement[],
  replace: ReadonlyMap<string, string>,
  now: string,
): Promise<Repointed> {
  const endOf = (id: string | undefined) => (id ? (replace.get(id) ?? id) : undefined);
  const endIds = relations.flatMap((r) => [endOf(r.fromId), endOf(r.toId)]);
  const ends = await store.getMany(
    SYSTEM,
    [...new Set(endIds)].filter((id) => id !== undefined),
  );
  const byId = new Map(relations.map((r) => [r.internalId, r]));
  const kept = new Map<string, StoredElement>();
  const result: Repointed = { updated: [], deleted: [], replacements: new Map() };
  const updated = new Map<string, StoredElement>();
  // Relations untouched by the merge first, so that duplicates collapse into them.
  const ordered = [...relations].sort(
    (a, b) => Number(moves(a, replace)) - Number(moves(b, replace)),
  );
  for (const relation of ordered) {
    const moved = { ...relation, fromId: endOf(relation.fromId), toId: endOf(relation.toId) };
    const twin = kept.get(endKey(moved));
    if (moved.fromId === moved.toId || twin) {
      result.deleted.push(relation);
      result.replacements.set(relation.internalId, twin?.internalId);
      if (twin) {
        const absorbed = {
          ...twin,
          stixIds: [...new Set([...twin.stixIds, relation.standardId, ...relation.stixIds])],
        };
        kept.set(endKey(moved), absorbed);
        updated.set(twin.internalId, bump(absorbed, byId.get(twin.internalId) ?? twin, now));
      }
    } else if (moves(relation, replace)) {
      const next = bump(withNewEnds(relation, moved, ends), relation, now);
      kept.set(endKey(moved), next);
      updated.set(relation.internalId, next);
    } else {
      kept.set(endKey(moved), relation);
    }
  }
  result.updated = [...updated.values()];
  return result;
}

// A relationship whose ends moved: end types and standard id follow (the old id stays a STIX id).
function withNewEnds(
  relation: StoredElement,
  moved: StoredElement,
  ends: ReadonlyMap<string, StoredElement>,
): StoredElement {
  const from = moved.fromId ? ends.get(moved.fromId) : undefined;
  const to = moved.toId ? ends.get(moved.toId) : undefined;
  const standardId =
    elementIds(relation.entityType, relation.attributes, {
      from: from?.standardId,
      to: to?.standardId,
    }).standardId ?? relation.standardId;
  return {
    ...moved,
    fromType: from?.entityType ?? relation.fromType,
    toType: to?.entityType ?? relation.toType,
    standardId,
    stixIds: [...new Set([...relation.stixIds, relation.standardId])].filter(
      (id) => id !== standardId,
    ),
  };
}

function moves(relation: StoredElement, replace: ReadonlyMap<string, string>): boolean {
  return replace.has(relation.fromId ?? '') || replace.has(relation.toId ?? '');
}

function bump(element: StoredElement, original: StoredElement, now: string): StoredElement {
  return { ...element, updatedAt: now, version: original.version + 1 };
}
