import type { EntityStore, StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { isObservableType } from '@lib/stix';
import { editConflict, invalidInput } from '../errors/knowledge.error';
import { elementIds } from './element-ids.util';
import type { ElementIds } from './element-ids.util';

const SYSTEM = systemContext('knowledge-ids');
// Refs some standard ids are computed from (data-model.md §3.4).
const ID_REFS = ['object', 'from', 'src', 'dst', 'object-covered'];

async function idsOf(store: EntityStore, element: StoredElement): Promise<ElementIds> {
  const wanted = [
    element.fromId,
    element.toId,
    ...ID_REFS.flatMap((rel) => element.refs[rel] ?? []),
  ].filter((id): id is string => id !== undefined);
  const found = await store.getMany(SYSTEM, wanted);
  const std = (id: string | undefined) => (id ? found.get(id)?.standardId : undefined);
  const refs = Object.fromEntries(
    ID_REFS.map((rel) => [
      rel,
      (element.refs[rel] ?? []).map(std).filter((s): s is string => s !== undefined),
    ]),
  );
  try {
    return elementIds(element.entityType, element.attributes, {
      from: std(element.fromId),
      to: std(element.toId),
      refs,
    });
  } catch (error) {
    if (error instanceof AppError && error.category === 'validation') {
      throw invalidInput('input', error.message, error);
    }
    throw error;
  }
}

/**
 * data-model.md §3.8: editing a contributing field recomputes the standard id (observables keep
 * the previous one in x_opencti_stix_ids), alias ids and per-hash ids. A standard id another element
 * already holds is a conflict.
 */
export async function withRecomputedIds(
  store: EntityStore,
  before: StoredElement,
  after: StoredElement,
): Promise<StoredElement> {
  const next = await idsOf(store, after);
  if (next.standardId === undefined) {
    return after;
  }
  const previous = await idsOf(store, before).catch(() => undefined);
  const staleHashIds = new Set(previous?.hashIds ?? []);
  const stixIds = new Set(after.stixIds.filter((id) => !staleHashIds.has(id)));
  next.hashIds.forEach((id) => stixIds.add(id));
  if (next.standardId !== before.standardId) {
    const holders = (await store.resolve(SYSTEM, [next.standardId])).get(next.standardId) ?? [];
    const other = holders.find((e) => e.internalId !== before.internalId);
    if (other) {
      throw editConflict(
        `Another element (${other.internalId}) already has the id ${next.standardId}`,
        {
          standardId: next.standardId,
          otherId: other.internalId,
        },
      );
    }
    if (isObservableType(before.entityType)) {
      stixIds.add(before.standardId);
    }
  }
  stixIds.delete(next.standardId);
  return {
    ...after,
    standardId: next.standardId,
    stixIds: [...stixIds],
    aliasIds: next.aliasIds,
    lookupKeys: next.lookupKeys,
  };
}
