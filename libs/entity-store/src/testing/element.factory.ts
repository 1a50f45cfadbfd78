import { randomUUID } from 'node:crypto';
import type { StoredElement } from '../element.types';

/** A valid stored element with random ids; override what the test is about. */
export function buildElement(overrides: Partial<StoredElement> = {}): StoredElement {
  const internalId = overrides.internalId ?? randomUUID();
  const now = new Date().toISOString();
  return {
    internalId,
    standardId: `malware--${randomUUID()}`,
    entityType: 'Malware',
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: { name: `malware ${internalId.slice(0, 8)}`, confidence: 50 },
    refs: {},
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}
