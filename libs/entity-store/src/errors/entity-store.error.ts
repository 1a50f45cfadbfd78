import { AppError } from '@lib/kernel';

export class VersionConflictError extends AppError {
  constructor(internalId: string, expectedVersion: number) {
    super({
      code: 'STORE_VERSION_CONFLICT',
      category: 'conflict',
      message: `Element ${internalId} changed since it was read (expected version ${expectedVersion})`,
      details: { internalId, expectedVersion },
    });
  }

  /** Read again and redone later, the change applies: a queue requeues it, never buries it. */
  override get retryable(): boolean {
    return true;
  }
}

export class StoreUnavailableError extends AppError {
  constructor(message: string, cause: unknown) {
    super({ code: 'STORE_UNAVAILABLE', category: 'unavailable', message, cause });
  }
}
