// A committed change as the live stream carries it (connector-protocol.md §4, data-model.md §5.6).
// Defined here because the entity store writes events in the same commit as the data (a
// transactional outbox) and the event stream serves them.

export type StreamEventType = 'create' | 'update' | 'merge' | 'delete';

export type StreamEventDraft = {
  type: StreamEventType;
  /** `external` for knowledge, `internal` for platform objects (users, works, settings…). */
  scope: 'external' | 'internal';
  /** Internal id of the element the event is about. */
  elementId: string;
  entityType: string;
  /** Who caused it: user id, applicant id, connector id, work id… */
  origin: Record<string, unknown>;
  /** Human-readable markdown summary. */
  message: string;
  /** STIX 2.1 object after the change (before it, for a delete). */
  data: Record<string, unknown>;
  /** update: patch, reverse_patch; merge: sources… */
  context?: Record<string, unknown>;
};

export type StreamEvent = StreamEventDraft & {
  /** `<milliseconds>-<sequence>`, Redis stream id form, strictly increasing. */
  id: string;
  /** ISO-8601 time the event was committed. */
  timestamp: string;
};
