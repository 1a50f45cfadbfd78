import { BASE_TIME_MS, TICK_MS, TLP_WEIGHTS } from './corpus.constants';
import type {
  IndicatableObservable,
  ObservableKind,
  PendingRelationship,
  RefEntry,
  RefKind,
} from './corpus.types';
import { cloneJson } from './clone-json.util';
import { DuplicatePool } from './duplicate-pool';
import { FifoQueue } from './fifo-queue';
import { isoTime } from './iso-time.util';
import { PairFilter } from './pair-filter';
import type { Prng } from './prng.util';
import { createPrng } from './prng.util';
import { RefPool } from './ref-pool';
import { UniqueSequence } from './unique-sequence';

// Sizes of the bounded structures: memory stays flat whatever the number of objects.
const POOL_CAPACITY = 1024;
const PENDING_CAPACITY = 50_000;
const INDICATABLE_CAPACITY = 20_000;
const DUPLICATE_POOL_CAPACITY = 1024;
const DUPLICATE_POOL_RATE = 1 / 48;

/** Everything the generators share: the seeded PRNG, the clock, bounded pools and counters. */
export class CorpusState {
  readonly prng: Prng;
  readonly authors: RefEntry[] = [];
  readonly pending = new FifoQueue<PendingRelationship>(PENDING_CAPACITY);
  readonly pairs = new PairFilter();
  readonly duplicates: DuplicatePool;
  bundleIndex = 0;
  nowMs = BASE_TIME_MS;
  private objectIndex = 0;
  private nowText: string | undefined;
  private readonly pools = new Map<RefKind, RefPool>();
  private readonly indicatable = new Map<ObservableKind, FifoQueue<IndicatableObservable>>();
  private readonly sequences = new Map<string, UniqueSequence>();
  private readonly counters = new Map<string, number>();
  private readonly offsets = new Map<string, number>();

  constructor(seed: number) {
    this.prng = createPrng(seed);
    this.duplicates = new DuplicatePool(DUPLICATE_POOL_CAPACITY, this.prng);
  }

  /** Advances the clock: strictly increasing timestamps, one step (plus jitter) per object. */
  tick(): void {
    this.nowMs = BASE_TIME_MS + this.objectIndex * TICK_MS + this.prng.int(TICK_MS);
    this.objectIndex += 1;
    this.nowText = undefined;
  }

  /** The current object's timestamp, formatted on first use (observables have no timestamps). */
  get now(): string {
    this.nowText ??= isoTime(this.nowMs);
    return this.nowText;
  }

  isoAt(ms: number): string {
    return isoTime(ms);
  }

  pool(kind: RefKind): RefPool {
    let pool = this.pools.get(kind);
    if (pool === undefined) {
      pool = new RefPool(POOL_CAPACITY, this.prng);
      this.pools.set(kind, pool);
    }
    return pool;
  }

  indicatableQueue(kind: ObservableKind): FifoQueue<IndicatableObservable> {
    let queue = this.indicatable.get(kind);
    if (queue === undefined) {
      queue = new FifoQueue<IndicatableObservable>(INDICATABLE_CAPACITY);
      this.indicatable.set(kind, queue);
    }
    return queue;
  }

  author(): RefEntry {
    return this.prng.pick(this.authors);
  }

  /** An author other than the given one when there are several (a re-publication). */
  otherAuthor(id: unknown): RefEntry {
    const others = this.authors.filter((author) => author.id !== id);
    return others.length > 0 ? this.prng.pick(others) : this.author();
  }

  marking(): string {
    let roll = this.prng.float();
    for (const [id, weight] of TLP_WEIGHTS) {
      roll -= weight;
      if (roll < 0) {
        return id;
      }
    }
    return TLP_WEIGHTS[0]?.[0] ?? '';
  }

  /** Next value of a named counter, starting at 0. */
  counter(key: string): number {
    const value = this.counters.get(key) ?? 0;
    this.counters.set(key, value + 1);
    return value;
  }

  /** A seed-derived unsigned 32-bit constant, fixed per key (varies values between seeds). */
  offset(key: string): number {
    let value = this.offsets.get(key);
    if (value === undefined) {
      value = this.prng.next();
      this.offsets.set(key, value);
    }
    return value;
  }

  sequence(key: string, lists: readonly (readonly string[])[]): UniqueSequence {
    let sequence = this.sequences.get(key);
    if (sequence === undefined) {
      sequence = new UniqueSequence(lists, this.prng);
      this.sequences.set(key, sequence);
    }
    return sequence;
  }

  /** Keeps a sample of emitted objects for later deliberate duplicates. */
  remember(object: Record<string, unknown>, type: string): void {
    if (this.prng.chance(DUPLICATE_POOL_RATE)) {
      this.duplicates.add({ object: cloneJson(object), type, bundle: this.bundleIndex });
    }
  }
}
