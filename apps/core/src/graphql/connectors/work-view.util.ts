import type { StoredElement } from '@lib/entity-store';
import { workCounts } from '@lib/works';
import type { WorkMessage, WorkModel } from './work.model';

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function messages(list: unknown): WorkMessage[] {
  return (Array.isArray(list) ? list : []).map((m: Record<string, unknown>) => ({
    timestamp: text(m.timestamp),
    message: text(m.message),
    sequence: typeof m.sequence === 'number' ? m.sequence : null,
    source: text(m.source),
  }));
}

/** The API view of a stored work (connector-protocol.md §3.1). */
export function workModelOf(work: StoredElement, userName: string | null): WorkModel {
  const a = work.attributes;
  const counts = workCounts(work);
  return {
    id: work.internalId,
    name: text(a.name),
    user: { id: text(a.user_id), name: userName },
    timestamp: text(a.timestamp) ?? work.createdAt,
    status: text(a.status) ?? 'wait',
    event_source_id: text(a.event_source_id),
    received_time: text(a.received_time),
    processed_time: text(a.processed_time),
    completed_time: text(a.completed_time),
    completed_number: typeof a.completed_number === 'number' ? a.completed_number : null,
    messages: messages(a.messages),
    errors: messages(a.errors),
    errors_count: Number(a.errors_count ?? 0),
    tracking: {
      import_expected_number: counts.expected,
      import_processed_number: counts.processed,
      import_last_processed: work.updatedAt,
    },
    outcomes: {
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
    },
    draft_context: text(a.draft_context),
    connector_id: text(a.connector_id),
  };
}
