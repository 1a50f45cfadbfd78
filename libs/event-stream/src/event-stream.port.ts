import type { StreamEvent, StreamEventDraft } from '@lib/kernel';
import type { StreamInfo, StreamReadQuery, StreamSubscribeOptions } from './event-stream.types';

/**
 * The live stream and its bounded history (DESIGN.md §5, connector-protocol.md §4.1): every
 * committed change as an event with an id `<ms>-<seq>` that only grows. The oldest events are
 * trimmed past the configured size; a reader resuming from a trimmed id goes on from the oldest
 * kept. Bad ids or dates throw `STREAM_INVALID_POSITION` (validation) naming the value.
 */
export abstract class EventStream {
  /** Appends events atomically, in order, and returns them with their ids and times. */
  abstract append(drafts: readonly StreamEventDraft[]): Promise<StreamEvent[]>;

  /** Up to `limit` events from the position (from the oldest kept when none), in id order. */
  abstract read(query: StreamReadQuery): Promise<StreamEvent[]>;

  /**
   * The kept events about one element (`elementId`, its internal id), oldest first, at most
   * `limit` of them (the newest when more are kept): an element's history for as long as the
   * stream retains it. Indexed by element, so it does not scan the stream. Once the element is
   * deleted, an adapter may leave out the events its store filed under it (the embedded one does).
   */
  abstract readElement(elementId: string, limit: number): Promise<StreamEvent[]>;

  /**
   * Replays the events after the position, then tails new ones as they are appended, without
   * gaps or repeats, until `signal` aborts (the iteration then ends). Without a position it only
   * tails events appended after the iteration started.
   */
  abstract subscribe(options: StreamSubscribeOptions): AsyncIterable<StreamEvent>;

  /** Id of the newest event, or undefined when the history is empty. */
  abstract lastEventId(): Promise<string | undefined>;

  /** Size and bounds of the retained history. */
  abstract info(): Promise<StreamInfo>;
}
