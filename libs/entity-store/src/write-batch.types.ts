import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { StoredElement } from './element.types';

export type ElementWrite = {
  element: StoredElement;
  /** Version the writer read; 0 when it creates the element. A mismatch fails the whole batch. */
  expectedVersion: number;
  /**
   * The state this write replaces, as the writer read it (its version is `expectedVersion`): a
   * store may take what it indexed of it from here rather than read it again.
   */
  replaced?: StoredElement;
  /**
   * A creation (expectedVersion 0) of an element that no other writer ever creates, its identity
   * being its own (an audit entry, whose id derives from its event's): the store may skip the
   * guards that keep writers of shared elements apart (locks, identity look-ups). It still fails
   * the batch when the element exists.
   */
  exclusive?: true;
  /**
   * The only attributes readers ever filter or sort this element by, when not all of them (an
   * audit entry's few): a store may leave the others out of its indexes. Every attribute is still
   * stored and read back; full-text search is unaffected. Absent: all of them.
   */
  indexed?: readonly string[];
};

export type ElementDelete = { internalId: string; expectedVersion: number };

/**
 * Everything one commit writes, atomically: element states, deletions, and the events describing
 * them (a transactional outbox: an event exists if and only if its change was committed).
 */
export type WriteBatch = {
  upserts: ElementWrite[];
  deletes: ElementDelete[];
  events: StreamEventDraft[];
  /**
   * An earlier commit of the same writer, not settled yet: this one applies after it, and only if
   * it committed (else it fails with CommitSkippedError, writing nothing). A store that orders its
   * commits queues it at once, so that it starts as soon as that one ends.
   */
  after?: Promise<unknown>;
  /**
   * Called once the batch's writes are visible to readers, before its events are appended (not
   * when the commit fails before that): a writer waiting for the data can go on while they are.
   */
  onApplied?: () => void;
};

export type CommitResult = { events: StreamEvent[] };
