import type { ElementHead, StoredElement } from './element.types';

/** The head of a whole element. */
export function headOf(element: StoredElement): ElementHead {
  const { internalId, standardId, entityType, baseType, stixIds, aliasIds, lookupKeys, version } =
    element;
  return { internalId, standardId, entityType, baseType, stixIds, aliasIds, lookupKeys, version };
}
