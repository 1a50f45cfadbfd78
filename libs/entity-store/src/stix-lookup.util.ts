import { systemContext } from '@lib/rbac';
import { toStix } from '@lib/stix';
import type { StixObject, StixTarget, TargetLookup } from '@lib/stix';
import type { StoredElement } from './element.types';
import type { EntityStore } from './entity-store.port';

const SYSTEM = systemContext('stix-lookup');

/** The elements the STIX form of these elements references (refs and relationship ends). */
export async function targetLookup(
  store: EntityStore,
  elements: readonly StoredElement[],
  extra: readonly StoredElement[] = [],
): Promise<TargetLookup> {
  const ids = new Set<string>();
  for (const element of elements) {
    Object.values(element.refs).forEach((targets) => targets.forEach((id) => ids.add(id)));
    [element.fromId, element.toId].forEach((id) => id && ids.add(id));
  }
  const found = await store.getMany(SYSTEM, [...ids]);
  const known = new Map<string, StixTarget>(found);
  extra.forEach((e) => known.set(e.internalId, e));
  return (id) => known.get(id);
}

/** The STIX 2.1 form of a stored element, its references resolved from the store. */
export async function stixOfElement(
  store: EntityStore,
  element: StoredElement,
): Promise<StixObject> {
  return toStix(element, await targetLookup(store, [element]));
}
