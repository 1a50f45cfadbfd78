export { EventStream } from './event-stream.port';
export { SqliteEventStream } from './adapters/sqlite-event-stream.adapter';
export type {
  StreamEvent,
  StreamInfo,
  StreamPosition,
  StreamReadQuery,
  StreamSubscribeOptions,
} from './event-stream.types';
export { InvalidStreamPositionError } from './errors/event-stream.error';
export { parseStreamEventId } from './stream-event-id.util';
export type { StreamEventIdParts } from './stream-event-id.util';
export { resolveStreamPosition } from './stream-position.util';
export { EventStreamModule } from './event-stream.module';
export { describeEventStreamContract } from './testing/event-stream.contract';
export type { EventStreamHarness } from './testing/event-stream.contract';
