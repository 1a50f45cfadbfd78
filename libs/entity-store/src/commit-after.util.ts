import { CommitSkippedError } from './errors/entity-store.error';
import type { CommitResult, WriteBatch } from './write-batch.types';

/**
 * For a store that cannot queue a commit behind the one named by `after`: commits the batch once
 * that one committed, or fails with CommitSkippedError, writing nothing, when it did not.
 */
export function commitWhenAfterCommitted(
  batch: WriteBatch & { after: Promise<unknown> },
  commit: (batch: WriteBatch) => Promise<CommitResult>,
): Promise<CommitResult> {
  return batch.after.then(
    () => commit({ ...batch, after: undefined }),
    () => Promise.reject(new CommitSkippedError()),
  );
}
