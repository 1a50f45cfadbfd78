type Holder = { token: number; expiresAt: number };

/**
 * In-process locks over string keys with a ttl and fencing tokens. A set of keys is taken all at
 * once or not at all; waiters sleep until one of their keys is released or lapses.
 */
export class MemoryLockTable {
  private readonly holders = new Map<string, Holder>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private lastToken = 0;

  /** Takes every key and returns the new fencing token, or undefined past `waitMs`. */
  async acquire(
    keys: readonly string[],
    ttlMs: number,
    waitMs: number,
  ): Promise<number | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const token = this.tryAcquire(keys, ttlMs);
      if (token !== undefined) {
        return token;
      }
      const now = Date.now();
      if (now >= deadline) {
        return undefined;
      }
      await this.waitForChange(keys, Math.min(deadline, this.lapseTime(keys)) - now);
    }
  }

  /** Restarts the ttl of every key; false when one of them lapsed or changed hands. */
  extend(keys: readonly string[], token: number, ttlMs: number): boolean {
    const now = Date.now();
    const held = keys.every((key) => {
      const holder = this.holders.get(key);
      return holder?.token === token && holder.expiresAt > now;
    });
    if (held) {
      keys.forEach((key) => this.holders.set(key, { token, expiresAt: now + ttlMs }));
    }
    return held;
  }

  /** Releases the keys still held with `token` (a lapsed and re-taken key stays with its holder). */
  release(keys: readonly string[], token: number): void {
    for (const key of keys) {
      if (this.holders.get(key)?.token === token) {
        this.holders.delete(key);
        this.waiters.get(key)?.forEach((wake) => wake());
      }
    }
  }

  private tryAcquire(keys: readonly string[], ttlMs: number): number | undefined {
    const now = Date.now();
    if (keys.some((key) => (this.holders.get(key)?.expiresAt ?? 0) > now)) {
      return undefined;
    }
    this.lastToken += 1;
    const holder = { token: this.lastToken, expiresAt: now + ttlMs };
    keys.forEach((key) => this.holders.set(key, holder));
    return holder.token;
  }

  /** When every key will have lapsed if nobody releases or extends it. */
  private lapseTime(keys: readonly string[]): number {
    return Math.max(...keys.map((key) => this.holders.get(key)?.expiresAt ?? 0));
  }

  private waitForChange(keys: readonly string[], ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        keys.forEach((key) => {
          const set = this.waiters.get(key);
          set?.delete(wake);
          if (set?.size === 0) {
            this.waiters.delete(key);
          }
        });
        resolve();
      };
      const timer = setTimeout(wake, Math.max(1, ms));
      keys.forEach((key) => {
        const set = this.waiters.get(key) ?? new Set<() => void>();
        set.add(wake);
        this.waiters.set(key, set);
      });
    });
  }
}
