import { AppError } from '@lib/kernel';

/** Translates a Redis client error into `CACHE_UNAVAILABLE` (retryable), naming Redis. */
export function redisFailure(error: unknown, what: string): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError({
    code: 'CACHE_UNAVAILABLE',
    category: 'unavailable',
    message: `${what} failed: Redis did not answer (${reason})`,
    cause: error,
  });
}
