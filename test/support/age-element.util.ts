import type { INestApplication } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import { systemContext } from '@lib/rbac';

const DAY_MS = 86_400_000;

/**
 * Rewrites an element's last update to `days` ago, as if nobody had touched it since (straight
 * into the store: no event, no history entry), for the retention tests.
 */
export async function ageElement(app: INestApplication, id: string, days: number): Promise<void> {
  const store = app.get(EntityStore);
  const element = await store.get(systemContext('test'), id);
  if (!element) throw new Error(`No element ${id} to age`);
  const updatedAt = new Date(Date.now() - days * DAY_MS).toISOString();
  await store.commit({
    upserts: [
      {
        element: { ...element, updatedAt, version: element.version + 1 },
        expectedVersion: element.version,
      },
    ],
    deletes: [],
    events: [],
  });
}
