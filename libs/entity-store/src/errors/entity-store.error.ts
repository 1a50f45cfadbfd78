import { AppError } from '@lib/kernel';

export class VersionConflictError extends AppError {
  /**
   * `others`: further elements of the same write that changed too, when the store saw them all
   * before writing anything (so that a writer can set all of them apart at once).
   */
  constructor(
    internalId: string,
    expectedVersion: number,
    others: readonly { internalId: string; expectedVersion: number }[] = [],
  ) {
    super({
      code: 'STORE_VERSION_CONFLICT',
      category: 'conflict',
      message:
        `Element ${internalId} changed since it was read (expected version ${expectedVersion})` +
        (others.length > 0 ? `, and ${others.length} more` : ''),
      details: { internalId, expectedVersion, ...(others.length > 0 ? { others } : {}) },
    });
    this.elements = [internalId, ...others.map((o) => o.internalId)];
  }

  /** Internal ids of the elements found changed. */
  readonly elements: readonly string[];

  /** Read again and redone later, the change applies: a queue requeues it, never buries it. */
  override get retryable(): boolean {
    return true;
  }
}

/** A commit queued after another (`WriteBatch.after`) that did not commit: nothing was written. */
export class CommitSkippedError extends AppError {
  constructor() {
    super({
      code: 'STORE_COMMIT_SKIPPED',
      category: 'conflict',
      message: 'Not committed: the commit it was queued after failed',
    });
  }

  /** Redone once the commit before it is, the change applies. */
  override get retryable(): boolean {
    return true;
  }
}

export class StoreUnavailableError extends AppError {
  constructor(message: string, cause: unknown) {
    super({ code: 'STORE_UNAVAILABLE', category: 'unavailable', message, cause });
  }
}
