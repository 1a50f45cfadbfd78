import { formatUuid } from './uuid-format.util';

/** A small, fast, seedable pseudo-random generator (sfc32 seeded through splitmix32). */
export type Prng = {
  /** Next unsigned 32-bit integer. */
  next(): number;
  /** Float in [0, 1). */
  float(): number;
  /** Integer in [0, max). */
  int(max: number): number;
  /** Integer in [min, max] (both inclusive). */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** Random UUID v4 string (after an optional ASCII prefix such as `malware--`), deterministic. */
  uuid4(prefix?: string): string;
  /** Lower-case hex string of the given length (at most 256 characters). */
  hex(length: number): string;
};

const uuidBytes = new Uint8Array(16);
const hexBytes = Buffer.alloc(128);

class Sfc32 implements Prng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i += 1) {
      this.next();
    }
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  float(): number {
    return this.next() / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.float() * max);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    // Callers pass non-empty lists; the index is always in range.
    return items[this.int(items.length)] as T;
  }

  uuid4(prefix = ''): string {
    for (let i = 0; i < 16; i += 4) {
      const word = this.next();
      uuidBytes[i] = word >>> 24;
      uuidBytes[i + 1] = word >>> 16;
      uuidBytes[i + 2] = word >>> 8;
      uuidBytes[i + 3] = word;
    }
    // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
    uuidBytes[6] = ((uuidBytes[6] ?? 0) & 0x0f) | 0x40;
    uuidBytes[8] = ((uuidBytes[8] ?? 0) & 0x3f) | 0x80;
    return formatUuid(prefix, uuidBytes);
  }

  hex(length: number): string {
    const byteCount = Math.ceil(length / 2);
    for (let i = 0; i < byteCount; i += 4) {
      hexBytes.writeUInt32BE(this.next(), i);
    }
    // One native encoding call: a flat string, where concatenating digits would build a rope.
    const hex = hexBytes.toString('hex', 0, byteCount);
    return hex.length === length ? hex : hex.slice(0, length);
  }
}

/** Creates a deterministic generator: the same seed always yields the same sequence. */
export function createPrng(seed: number): Prng {
  return new Sfc32(seed);
}
