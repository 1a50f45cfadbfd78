import type { EntityStore, WriteBatch } from '@lib/entity-store';
import { VersionConflictError } from '@lib/entity-store';
import { editConflict } from '../errors/knowledge.error';

const ATTEMPTS = 5;

/**
 * Optimistic concurrency: `attempt` reads what it needs and returns the batch to commit (with the
 * versions it read) and its result; a version conflict re-runs it on fresh data.
 */
export async function commitWithRetry<T>(
  store: EntityStore,
  attempt: () => Promise<{ batch: WriteBatch; result: T }>,
): Promise<T> {
  for (let i = 1; ; i++) {
    const { batch, result } = await attempt();
    try {
      if (batch.upserts.length > 0 || batch.deletes.length > 0) {
        await store.commit(batch);
      }
      return result;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) {
        throw error;
      }
      if (i >= ATTEMPTS) {
        throw editConflict(`Concurrent changes: gave up after ${ATTEMPTS} attempts`, {
          cause: error.message,
        });
      }
    }
  }
}
