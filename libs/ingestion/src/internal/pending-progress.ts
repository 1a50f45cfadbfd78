import type { WorkProgress } from '@lib/works';
import type { RejectedObject } from '../ingestion.types';

// What a bundle adds to its work before any of its batches (the objects it announces and those
// rejected at parsing) while the run's previous batch may still be committing. A commit of the
// work then would race the batch in flight for the work's version, so the entry rides with the
// next batch prepared instead: each batch adds the entries its base work does not hold yet, and
// once the batch is committed the work holds them. Entries are numbered in arrival order; a work
// holds every entry up to a number.

/** One bundle's announced and parse-rejected objects. */
export type PendingEntry = { seq: number; progress: WorkProgress; rejected: RejectedObject[] };

export class PendingProgress {
  private entries: PendingEntry[] = [];
  private last = 0;
  private held = 0;

  /** Records a bundle's entry; returns its number. */
  add(progress: WorkProgress, rejected: RejectedObject[]): number {
    this.last += 1;
    this.entries.push({ seq: this.last, progress, rejected });
    return this.last;
  }

  /** The number of the latest entry (0: none yet). */
  get latest(): number {
    return this.last;
  }

  /** The number up to which the committed work holds the entries. */
  get committed(): number {
    return this.held;
  }

  /** The entries a work holding those up to `seq` lacks, oldest first. */
  after(seq: number): PendingEntry[] {
    return this.entries.filter((entry) => entry.seq > seq);
  }

  /** The committed work now holds every entry up to `seq`. */
  commit(seq: number): void {
    if (seq <= this.held) {
      return;
    }
    this.held = seq;
    this.entries = this.entries.filter((entry) => entry.seq > seq);
  }
}

const COUNTS = ['expected', 'processed', 'created', 'updated', 'unchanged', 'rejected'] as const;

/** The sum of several progress reports: counts added, errors kept in order. */
export function sumProgress(parts: readonly WorkProgress[]): WorkProgress {
  const sum: WorkProgress = {};
  for (const part of parts) {
    for (const key of COUNTS) {
      if (part[key] !== undefined) {
        sum[key] = (sum[key] ?? 0) + part[key];
      }
    }
    if (part.errors !== undefined) {
      sum.errors = [...(sum.errors ?? []), ...part.errors];
    }
  }
  return sum;
}
