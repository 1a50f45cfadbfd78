import { InvalidStreamPositionError } from './errors/event-stream.error';
import type { StreamPosition } from './event-stream.types';
import { parseStreamEventId } from './stream-event-id.util';
import type { StreamEventIdParts } from './stream-event-id.util';

/**
 * The id-space point to read strictly after, for a position: `after` as is, `fromTime` as just
 * before its first millisecond, none as undefined (the caller decides: oldest or live).
 * Throws STREAM_INVALID_POSITION (validation) naming the bad value.
 */
export function resolveStreamPosition(position: StreamPosition): StreamEventIdParts | undefined {
  const { after, fromTime } = position;
  if (after !== undefined && fromTime !== undefined) {
    throw new InvalidStreamPositionError('Give either after or fromTime, not both', {
      after,
      fromTime,
    });
  }
  if (after !== undefined) {
    const parts = parseStreamEventId(after);
    return parts.ms === 0 && parts.seq === 0 ? { ms: -1, seq: -1 } : parts;
  }
  if (fromTime !== undefined) {
    const ms = typeof fromTime === 'string' ? Date.parse(fromTime) : Number.NaN;
    if (Number.isNaN(ms)) {
      throw new InvalidStreamPositionError(`Invalid date ${JSON.stringify(fromTime)}`, {
        fromTime,
      });
    }
    return { ms, seq: -1 };
  }
  return undefined;
}
