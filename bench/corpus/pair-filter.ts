const BITS_LOG2 = 23;
const MASK = (1 << BITS_LOG2) - 1;
const HASHES = 3;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

function murmurMix(text: string): number {
  let hash = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x5bd1e995);
    hash ^= hash >>> 15;
  }
  return (hash | 1) >>> 0;
}

/**
 * A Bloom filter over relationship keys (type, source, target): a fixed 1 MiB whatever the corpus
 * size. A false positive only makes the generator pick another pair, never emit a duplicate.
 */
export class PairFilter {
  private readonly bits = new Uint32Array((MASK + 1) >>> 5);

  /** Records the key; returns false when it was (probably) seen before. */
  addIfAbsent(key: string): boolean {
    const h1 = fnv1a(key);
    const h2 = murmurMix(key);
    let present = true;
    for (let i = 0; i < HASHES; i += 1) {
      const bit = (h1 + Math.imul(i, h2)) & MASK;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      const current = this.bits[word] ?? 0;
      if ((current & flag) === 0) {
        present = false;
        this.bits[word] = current | flag;
      }
    }
    return !present;
  }
}
