import { AppError } from '@lib/kernel';

export class LockTimeoutError extends AppError {
  constructor(keys: readonly string[], waitMs: number) {
    super({
      code: 'LOCK_TIMEOUT',
      category: 'unavailable',
      message: `Could not lock ${keys.join(', ')} within ${waitMs} ms`,
      details: { keys, waitMs },
    });
  }
}

export class LockLostError extends AppError {
  constructor(keys: readonly string[]) {
    super({
      code: 'LOCK_LOST',
      category: 'conflict',
      message: `The lock on ${keys.join(', ')} lapsed and may be held by another caller`,
      details: { keys },
    });
  }
}

export class InvalidCacheRequestError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super({ code: 'CACHE_INVALID_REQUEST', category: 'validation', message, details });
  }
}
