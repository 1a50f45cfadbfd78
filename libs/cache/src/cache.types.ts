/** A JSON value: what the cache stores (values are copied in and out, never shared). */
export type CacheValue =
  string | number | boolean | null | CacheValue[] | { [key: string]: CacheValue };

export type CacheSetOptions = {
  /** Time to live; absent = until evicted or deleted. */
  ttlMs?: number;
};

export type LockOptions = {
  /** The lock lapses this long after it was taken or last extended (another caller may then take it). */
  ttlMs: number;
  /** How long to wait for the keys; 0 = try once. Past it: `LOCK_TIMEOUT` (unavailable). */
  waitMs: number;
};

/** What a lock holder gets. */
export type LockHandle = {
  /** The locked keys, sorted. */
  readonly keys: readonly string[];
  /**
   * Greater than every token issued before for any of these keys: pass it to the storage that the
   * lock protects so that it can refuse writes from a holder whose lock lapsed.
   */
  readonly fencingToken: number;
  /** Restarts the ttl (with `ttlMs`, or the original ttl). Throws `LOCK_LOST` if it lapsed. */
  extend(ttlMs?: number): Promise<void>;
};
