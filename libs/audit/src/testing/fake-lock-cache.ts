import { Cache, LockTimeoutError } from '@lib/cache';
import type { LockHandle } from '@lib/cache';

// A lock table of one process: a held key makes another taker time out at once.
export class FakeLockCache extends Cache {
  readonly held = new Set<string>();
  private unused(): never {
    throw new Error('not used');
  }
  get = () => this.unused();
  getMany = () => this.unused();
  set = () => this.unused();
  delete = () => this.unused();
  async withLock<T>(keys: readonly string[], fn: (lock: LockHandle) => Promise<T>): Promise<T> {
    if (keys.some((k) => this.held.has(k))) throw new LockTimeoutError(keys, 0);
    keys.forEach((k) => this.held.add(k));
    try {
      return await fn({ keys, fencingToken: 1, extend: () => Promise.resolve() });
    } finally {
      keys.forEach((k) => this.held.delete(k));
    }
  }
}
