import type { AccessContext } from '@lib/rbac';
import type { StoredElement } from './element.types';
import type { EntityStore } from './entity-store.port';
import { VersionConflictError } from './errors/entity-store.error';

const ATTEMPTS = 25;
const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt + 1, 8)));

/**
 * Read-modify-write of one element that several writers change side by side (a work's counters,
 * a connector's state): reads it, applies `change` (pure) and commits at the version read; when
 * another writer came first, reads again after a short random pause. `undefined` when the element
 * does not exist (or `change` returns `undefined`: nothing to write).
 */
export async function updateElement(
  store: EntityStore,
  ctx: AccessContext,
  internalId: string,
  change: (element: StoredElement, now: string) => StoredElement | undefined,
): Promise<StoredElement | undefined> {
  for (let attempt = 0; ; attempt++) {
    const element = await store.get(ctx, internalId);
    if (!element) {
      return undefined;
    }
    const changed = change(element, new Date().toISOString());
    if (!changed) {
      return element;
    }
    const next = { ...changed, version: element.version + 1 };
    try {
      await store.commit({
        upserts: [{ element: next, expectedVersion: element.version }],
        deletes: [],
        events: [],
      });
      return next;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/** Deletes one element whatever its version; idempotent. */
export async function deleteElement(
  store: EntityStore,
  ctx: AccessContext,
  internalId: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const element = await store.get(ctx, internalId);
    if (!element) {
      return;
    }
    try {
      await store.commit({
        upserts: [],
        deletes: [{ internalId, expectedVersion: element.version }],
        events: [],
      });
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}
