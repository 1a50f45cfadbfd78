import type { StreamEvent } from '@lib/kernel';

/**
 * Where reading starts. `after`: strictly after that event id (`0` or `0-0` = from the oldest
 * kept; a trimmed id = from the oldest kept). `fromTime`: events committed at or after that ISO
 * date. At most one of the two.
 */
export type StreamPosition = { after?: string; fromTime?: string };

export type StreamReadQuery = StreamPosition & {
  /** Most events returned. */
  limit: number;
};

export type StreamSubscribeOptions = StreamPosition & {
  /** Ends the iteration when aborted. */
  signal: AbortSignal;
};

/** What the SSE `connected` message reports about the retained history. */
export type StreamInfo = {
  size: number;
  firstEventId: string | undefined;
  lastEventId: string | undefined;
  /** ISO-8601. */
  firstEventTime: string | undefined;
  /** ISO-8601. */
  lastEventTime: string | undefined;
};

export type { StreamEvent };
