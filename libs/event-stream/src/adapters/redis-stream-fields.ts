import type { StreamEvent, StreamEventDraft } from '@lib/kernel';

// How an event is laid out in a Redis stream entry: OpenCTI's field names where they exist
// (connector-protocol.md §4.1: version, type, scope, message, origin, data, context), every value
// JSON-encoded, plus the element id and entity type the port carries.
const STREAM_VERSION = '4';

/** The XADD field/value list of a draft. */
export function toStreamFields(draft: StreamEventDraft): string[] {
  const fields = [
    'version',
    JSON.stringify(STREAM_VERSION),
    'type',
    JSON.stringify(draft.type),
    'scope',
    JSON.stringify(draft.scope),
    'element_id',
    JSON.stringify(draft.elementId),
    'entity_type',
    JSON.stringify(draft.entityType),
    'message',
    JSON.stringify(draft.message),
    'origin',
    JSON.stringify(draft.origin),
    'data',
    JSON.stringify(draft.data),
  ];
  if (draft.context !== undefined) {
    fields.push('context', JSON.stringify(draft.context));
  }
  return fields;
}

/** The event a draft became once appended as `id`; its time is the id's millisecond. */
export function streamEvent(id: string, draft: StreamEventDraft): StreamEvent {
  const { type, scope, elementId, entityType, origin, message, data, context } = draft;
  const event: StreamEvent = {
    type,
    scope,
    elementId,
    entityType,
    origin,
    message,
    data,
    id,
    timestamp: timeOfId(id),
  };
  if (context !== undefined) {
    event.context = context;
  }
  return event;
}

/**
 * The event of a stream entry `[id, [field, value, ...]]`; its time is the id's millisecond. Its
 * `data` and `context` (the element and an update's patches, most of the entry) are parsed when
 * first read: subscribers that look at the type or scope only, and pass the event by, never pay
 * for them.
 */
export function fromStreamEntry(id: string, flat: readonly string[]): StreamEvent {
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    fields.set(flat[i] ?? '', flat[i + 1] ?? 'null');
  }
  const parsed = (name: string): unknown => JSON.parse(fields.get(name) ?? 'null');
  const event = {
    type: parsed('type') as StreamEvent['type'],
    scope: parsed('scope') as StreamEvent['scope'],
    elementId: parsed('element_id') as string,
    entityType: parsed('entity_type') as string,
    origin: parsed('origin') as Record<string, unknown>,
    message: parsed('message') as string,
    data: undefined as unknown as Record<string, unknown>,
    id,
    timestamp: timeOfId(id),
  } satisfies StreamEvent as StreamEvent;
  lazyProperty(event, 'data', () => parsed('data') as Record<string, unknown>);
  if (fields.has('context')) {
    lazyProperty(event, 'context', () => parsed('context') as Record<string, unknown>);
  }
  return event;
}

/** The time of a stream id `<ms>-<seq>`: its millisecond. */
export function timeOfId(id: string): string {
  return new Date(Number(id.slice(0, id.indexOf('-')))).toISOString();
}

/** Turns `key` into an ordinary property whose value `compute` gives when first read (or set). */
function lazyProperty<T extends object, K extends keyof T>(
  target: T,
  key: K,
  compute: () => T[K],
): void {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    return value;
  };
  Object.defineProperty(target, key, {
    get: () => settle(compute()),
    set: (value: T[K]) => settle(value),
    enumerable: true,
    configurable: true,
  });
}
