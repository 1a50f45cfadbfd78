import type { RefEntry } from './corpus.types';
import type { Prng } from './prng.util';

// Once full, only this share of new objects enters the pool: fewer long-lived entries to promote
// to the old generation, while the pool still renews itself every few thousand objects.
const REPLACE_RATE = 0.25;

/**
 * A bounded reservoir of referenceable objects. Once full, a new entry sometimes replaces a random
 * one, so the pool keeps a mix of old and recent objects (refs then cross bundle boundaries) while
 * its memory stays constant whatever the corpus size.
 */
export class RefPool {
  private readonly entries: RefEntry[] = [];

  constructor(
    private readonly capacity: number,
    private readonly prng: Prng,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  add(entry: RefEntry): void {
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
      return;
    }
    if (this.prng.chance(REPLACE_RATE)) {
      this.entries[this.prng.int(this.capacity)] = entry;
    }
  }

  sample(): RefEntry | undefined {
    if (this.entries.length === 0) {
      return undefined;
    }
    return this.entries[this.prng.int(this.entries.length)];
  }
}
