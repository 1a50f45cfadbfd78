import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { StoredElement } from './element.types';

export type ElementWrite = {
  element: StoredElement;
  /** Version the writer read; 0 when it creates the element. A mismatch fails the whole batch. */
  expectedVersion: number;
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
};

export type CommitResult = { events: StreamEvent[] };
