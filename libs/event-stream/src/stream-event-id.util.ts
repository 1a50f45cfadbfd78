import { InvalidStreamPositionError } from './errors/event-stream.error';

/** The parts of an event id `<ms>-<seq>`. */
export type StreamEventIdParts = { ms: number; seq: number };

const ID = /^(0|[1-9][0-9]{0,15})-(0|[1-9][0-9]{0,15})$/;

/**
 * Parses an event id (`<ms>-<seq>`, or `0` for the beginning); throws STREAM_INVALID_POSITION
 * (validation) naming the id otherwise.
 */
export function parseStreamEventId(id: string): StreamEventIdParts {
  if (id === '0') {
    return { ms: 0, seq: 0 };
  }
  const match = ID.exec(typeof id === 'string' ? id : '');
  const ms = Number(match?.[1]);
  const seq = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) {
    throw new InvalidStreamPositionError(
      `Invalid event id ${JSON.stringify(id)}: expected <milliseconds>-<sequence>`,
      { id },
    );
  }
  return { ms, seq };
}
