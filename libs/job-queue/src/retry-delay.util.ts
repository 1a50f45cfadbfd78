export type RetryBackoff = { baseMs: number; maxMs: number };

/** Exponential backoff before the next run after failed run number `attempt` (1-based). */
export function retryDelayMs(attempt: number, backoff: RetryBackoff): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** exponent);
}
