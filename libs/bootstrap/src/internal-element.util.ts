import type { StoredElement } from '@lib/entity-store';

/** A new internal (non-STIX) element: no STIX ids, no event, version 1. */
export function internalElement(
  internalId: string,
  entityType: string,
  standardId: string,
  attributes: Record<string, unknown>,
  now: string,
  refs: Record<string, string[]> = {},
): StoredElement {
  return {
    internalId,
    standardId,
    entityType,
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes,
    refs,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
