import { randomUUID } from 'node:crypto';
import type { ElementWrite, StoredElement } from '@lib/entity-store';
import { SYSTEM_USER_ID } from '@lib/rbac';
import { AUDIT_ENTITY_TYPE } from '../audit.types';
import { AUDIT_FILTERED_ATTRIBUTES } from './audit-filters.util';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditEventScope,
  AuditEventStatus,
  AuditEventType,
} from '../audit.types';

// How an entry is kept as an internal element: the entry's fields as attributes, the context's
// scalar keys copied to top-level attributes (filters and sorting reach top-level scalars only),
// `name` and `description` for full-text search, and the element's markings as marking refs.

/** Context fields copied to top-level `context_<field>` attributes, for filters. */
export const FILTERABLE_CONTEXT_FIELDS = ['entity_id', 'entity_type', 'entity_name'] as const;

const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : fallback;

export function elementOfEntry(input: AuditEntryInput, now = new Date()): StoredElement {
  const internalId = input.id ?? randomUUID();
  const timestamp = input.timestamp ?? now.toISOString();
  const context = input.context_data;
  const copies = Object.fromEntries(
    FILTERABLE_CONTEXT_FIELDS.filter((f) => context[f] !== undefined).map((f) => [
      `context_${f}`,
      context[f],
    ]),
  );
  const markings = [...new Set(input.markings ?? [])];
  return {
    internalId,
    standardId: `activity--${internalId}`,
    entityType: AUDIT_ENTITY_TYPE,
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: {
      event_type: input.event_type,
      event_scope: input.event_scope,
      event_status: input.event_status,
      ...(input.event_access ? { event_access: input.event_access } : {}),
      user_id: input.user_id,
      user_name: input.user_name,
      timestamp,
      name: context.entity_name ?? input.event_scope,
      description: [input.user_name, context.message ?? input.event_scope].join(' '),
      context_data: context,
      ...copies,
    },
    refs: markings.length > 0 ? { 'object-marking': markings } : {},
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
}

/**
 * How an entry is written: created once under its own id (no other writer creates it), with only
 * the attributes audit filters name indexed for filtering (the rest is stored, and searchable as
 * text through `name` and `description`).
 */
export const entryWrite = (element: StoredElement): ElementWrite => ({
  element,
  expectedVersion: 0,
  exclusive: true,
  indexed: AUDIT_FILTERED_ATTRIBUTES,
});

export function entryOfElement(element: StoredElement): AuditEntry {
  const a = element.attributes;
  const access = a.event_access;
  return {
    id: element.internalId,
    event_type: text(a.event_type, 'mutation') as AuditEventType,
    event_scope: text(a.event_scope, 'update') as AuditEventScope,
    event_status: text(a.event_status, 'success') as AuditEventStatus,
    event_access: access === 'administration' || access === 'extended' ? access : null,
    user_id: text(a.user_id, SYSTEM_USER_ID),
    user_name: text(a.user_name),
    timestamp: text(a.timestamp, element.createdAt),
    context_data: a.context_data && typeof a.context_data === 'object' ? a.context_data : {},
    markings: element.refs['object-marking'] ?? [],
  };
}
