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
  const endIds = new Set(
    relations.flatMap((r) => [r.fromId, r.toId]).map((id) => (id ? (replace.get(id) ?? id) : '')),
  );
  const ends = await store.getMany(SYSTEM, [...endIds].filter(Boolean));
  const kept = new Map<string, StoredElement>();
  const updated = new Map<string, StoredElement>();
  const deleted: StoredElement[] = [];
  const replacements = new Map<string, string | undefined>();
  const byId = new Map(relations.map((r) => [r.internalId, r]));
  // Relations untouched by the merge first, so that duplicates collapse into them.
  const ordered = [...relations].sort(
    (a, b) => Number(moves(a, replace)) - Number(moves(b, replace)),
  );
  for (const relation of ordered) {
    const fromId = relation.fromId ? (replace.get(relation.fromId) ?? relation.fromId) : undefined;
    const toId = relation.toId ? (replace.get(relation.toId) ?? relation.toId) : undefined;
    const moved = { ...relation, fromId, toId };
    const twin = kept.get(endKey(moved));
    if (fromId === toId || twin) {
      deleted.push(relation);
      replacements.set(relation.internalId, twin?.internalId);
      if (twin) {
        const absorbed = {
          ...twin,
          stixIds: [...new Set([...twin.stixIds, relation.standardId, ...relation.stixIds])],
        };
        kept.set(endKey(moved), absorbed);
        updated.set(twin.internalId, bump(absorbed, byId.get(twin.internalId) ?? twin, now));
      }
      continue;
    }
    if (!moves(relation, replace)) {
      kept.set(endKey(moved), relation);
      continue;
    }
    const standardId =
      elementIds(relation.entityType, relation.attributes, {
        from: fromId ? ends.get(fromId)?.standardId : undefined,
        to: toId ? ends.get(toId)?.standardId : undefined,
      }).standardId ?? relation.standardId;
    const next = bump(
      {
        ...moved,
        fromType: fromId ? ends.get(fromId)?.entityType : relation.fromType,
        toType: toId ? ends.get(toId)?.entityType : relation.toType,
        standardId,
        stixIds: [...new Set([...relation.stixIds, relation.standardId])].filter(
          (id) => id !== standardId,
        ),
      },
      relation,
      now,
    );
    kept.set(endKey(moved), next);
    updated.set(relation.internalId, next);
  }
  return { updated: [...updated.values()], deleted, replacements };
}

function moves(relation: StoredElement, replace: ReadonlyMap<string, string>): boolean {
  return replace.has(relation.fromId ?? '') || replace.has(relation.toId ?? '');
}

function bump(element: StoredElement, original: StoredElement, now: string): StoredElement {
  return { ...element, updatedAt: now, version: original.version + 1 };
}
