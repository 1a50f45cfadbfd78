import type { Prng } from './prng.util';

/**
 * A past object kept for duplicates: a private deep copy, so that consumers mutating what they
 * received cannot alter it; `bundle` is the index of the bundle it last appeared in.
 */
export type PooledObject = { object: Record<string, unknown>; type: string; bundle: number };

/** A bounded reservoir of full objects from which deliberate duplicates are drawn. */
export class DuplicatePool {
  private readonly entries: PooledObject[] = [];

  constructor(
    private readonly capacity: number,
    private readonly prng: Prng,
  ) {}

  add(entry: PooledObject): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    this.entries[this.prng.int(this.capacity)] = entry;
  }

  /** Index of a random entry accepted by the predicate (a few tries), or -1. */
  find(accept: (entry: PooledObject) => boolean): number {
    for (let attempt = 0; attempt < 8 && this.entries.length > 0; attempt += 1) {
      const index = this.prng.int(this.entries.length);
      const entry = this.entries[index];
      if (entry !== undefined && accept(entry)) {
        return index;
      }
    }
    return -1;
  }

  get(index: number): PooledObject | undefined {
    return this.entries[index];
  }

  replace(index: number, entry: PooledObject): void {
    this.entries[index] = entry;
  }
}
