import type { Prng } from './prng.util';

export type SequenceItem = { parts: string[]; tier: number };

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

const MULTIPLIERS = [7919, 104_729, 1_299_709, 15_485_863];

/**
 * Enumerates every combination of the given word lists exactly once, in a seed-dependent order
 * (an affine permutation of the mixed-radix index). After all combinations are used, it starts a
 * new tier; callers append a tier marker so that names stay unique.
 */
export class UniqueSequence {
  private count = 0;
  private readonly size: number;
  private readonly multiplier: number;
  private readonly offset: number;

  constructor(
    private readonly lists: readonly (readonly string[])[],
    prng: Prng,
  ) {
    this.size = lists.reduce((product, list) => product * list.length, 1);
    this.multiplier = MULTIPLIERS.find((m) => gcd(m % this.size, this.size) === 1) ?? 1;
    this.offset = prng.int(this.size);
  }

  next(): SequenceItem {
    const n = this.count;
    this.count += 1;
    const tier = Math.floor(n / this.size);
    let index = ((n % this.size) * (this.multiplier % this.size) + this.offset) % this.size;
    const parts: string[] = [];
    for (const list of this.lists) {
      parts.push(list[index % list.length] ?? '');
      index = Math.floor(index / list.length);
    }
    return { parts, tier };
  }
}
