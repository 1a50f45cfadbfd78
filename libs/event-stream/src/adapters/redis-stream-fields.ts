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

/** The event of a stream entry `[id, [field, value, ...]]`; its time is the id's millisecond. */
export function fromStreamEntry(id: string, flat: readonly string[]): StreamEvent {
  const fields = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) {
    fields.set(flat[i] ?? '', JSON.parse(flat[i + 1] ?? 'null'));
  }
  const event: StreamEvent = {
    type: fields.get('type') as StreamEvent['type'],
    scope: fields.get('scope') as StreamEvent['scope'],
    elementId: fields.get('element_id') as string,
    entityType: fields.get('entity_type') as string,
    origin: fields.get('origin') as Record<string, unknown>,
    message: fields.get('message') as string,
    data: fields.get('data') as Record<string, unknown>,
    id,
    timestamp: new Date(Number(id.split('-')[0])).toISOString(),
  };
  if (fields.has('context')) {
    event.context = fields.get('context') as Record<string, unknown>;
  }
  return event;
}
