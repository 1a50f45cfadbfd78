import { applyPatch } from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { textOf } from '@lib/kernel';
import type { StreamEvent } from '@lib/kernel';
import { SYSTEM_USER_ID } from '@lib/rbac';
import { uuidV5 } from '@lib/stix';
import type { AuditChange, AuditContextData, AuditEntryInput } from '../audit.types';

// A committed change (a live stream event) as an audit entry: who (the origin's user), when (the
// commit), what (the element, and for an update each changed field before and after).

// Namespace of the ids of entries derived from events: one event, one entry id, always.
const EVENT_ENTRY_NAMESPACE = '3b0d1c4e-6f57-4d0a-9a55-2c6f1e0d7a41';

export type EventEntryLookups = {
  /** User id → name (absent: the id is shown). */
  userNames: ReadonlyMap<string, string>;
  /** Marking STIX id → internal id. */
  markingIds: ReadonlyMap<string, string>;
};

export const entryIdOfEvent = (eventId: string): string => uuidV5(eventId, EVENT_ENTRY_NAMESPACE);

/** The STIX id's display name, as the stream message names it. */
export function stixName(data: Record<string, unknown>): string {
  return (
    [data.name, data.value, data.definition, data.phase_name, data.source_name, data.pattern]
      .map(textOf)
      .find((t) => t !== undefined) ??
    textOf(data.id) ??
    ''
  );
}

export const userIdOfEvent = (event: StreamEvent): string =>
  typeof event.origin.user_id === 'string' ? event.origin.user_id : SYSTEM_USER_ID;

/** The marking STIX ids an event's element carries. */
export function markingRefsOf(event: StreamEvent): string[] {
  const refs = event.data.object_marking_refs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

const json = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

// A JSON pointer's segments, unescaped.
const segments = (pointer: string): string[] =>
  pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));

// The field a patch path changes: a top-level property, or an attribute inside an extension
// (`/extensions/<extension id>/<attribute>`), whose whole object is no useful change to show.
const fieldOf = (path: string): string[] => {
  const parts = segments(path);
  return parts[0] === 'extensions' && parts.length >= 3 ? parts.slice(0, 3) : parts.slice(0, 1);
};

function valueAt(document: unknown, path: readonly string[]): unknown {
  let current = document;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Each field an update changed, with its value before and after. */
export function changesOf(
  after: Record<string, unknown>,
  reversePatch: readonly Operation[],
): AuditChange[] {
  let before: Record<string, unknown>;
  try {
    before = applyPatch(structuredClone(after), [...reversePatch], false, false).newDocument;
  } catch {
    return [];
  }
  const fields = new Map<string, string[]>();
  for (const op of reversePatch) {
    const field = fieldOf(op.path);
    if (field.length > 0 && field[0] !== '') fields.set(field.join('/'), field);
  }
  return [...fields.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, path]) => ({
      field: path.at(-1) ?? '',
      previous: json(valueAt(before, path)),
      new: json(valueAt(after, path)),
    }))
    .filter((c) => c.previous !== c.new);
}

const operations = (value: unknown): Operation[] =>
  Array.isArray(value) ? (value as Operation[]) : [];

function contextOf(event: StreamEvent): AuditContextData {
  const data = event.data;
  const origin = Object.fromEntries(Object.entries(event.origin).filter(([k]) => k !== 'user_id'));
  const context: AuditContextData = {
    entity_id: event.elementId,
    entity_type: event.entityType,
    entity_name: stixName(data),
    message: event.message,
    ...(typeof data.source_ref === 'string' ? { from_id: data.source_ref } : {}),
    ...(typeof data.target_ref === 'string' ? { to_id: data.target_ref } : {}),
    ...(Object.keys(origin).length > 0 ? { origin } : {}),
  };
  switch (event.type) {
    case 'update': {
      const patch = operations(event.context?.patch);
      const reverse = operations(event.context?.reverse_patch);
      return { ...context, patch, reverse_patch: reverse, changes: changesOf(data, reverse) };
    }
    case 'merge': {
      const sources = Array.isArray(event.context?.sources) ? event.context.sources : [];
      return {
        ...context,
        sources: (sources as Record<string, unknown>[]).map((s) => ({
          id: textOf(s.id) ?? '',
          name: stixName(s),
        })),
      };
    }
    case 'create':
    case 'delete':
      return context;
  }
}

/** The entry of one event (knowledge changes are mutations; platform objects' are admin ones). */
export function entryOfEvent(event: StreamEvent, lookups: EventEntryLookups): AuditEntryInput {
  const userId = userIdOfEvent(event);
  // An unknown marking keeps its STIX id: no reader's allowed markings hold it, so only those
  // who bypass markings see the entry (never more readers than the element had).
  const markings = markingRefsOf(event).map((ref) => lookups.markingIds.get(ref) ?? ref);
  return {
    id: entryIdOfEvent(event.id),
    event_type: 'mutation',
    event_scope: event.type,
    event_status: 'success',
    ...(event.scope === 'internal' ? { event_access: 'administration' as const } : {}),
    user_id: userId,
    user_name: lookups.userNames.get(userId) ?? (userId === SYSTEM_USER_ID ? 'SYSTEM' : userId),
    timestamp: event.timestamp,
    context_data: contextOf(event),
    markings,
  };
}
