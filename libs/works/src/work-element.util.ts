import { randomUUID } from 'node:crypto';
import type { StoredElement } from '@lib/entity-store';
import type { WorkCounts, WorkProgress, WorkStatus } from './work.types';
import { MAX_WORK_ERRORS, WORK_ENTITY_TYPE } from './work.types';

export type NewWork = {
  connectorId: string;
  name: string;
  userId: string;
  status?: WorkStatus;
  eventSourceId?: string;
  /** A chosen id (a job dispatched once whatever the replicas); default `work_<connector>_<time>`. */
  internalId?: string;
  /** Several bundles over the work's life: it completes only once its sender says it is done. */
  multipart?: boolean;
  now: string;
};

/** A new work element; its id follows OpenCTI's `work_<connector id>_<ISO time>` form. */
export function newWorkElement(work: NewWork): StoredElement {
  const status = work.status ?? 'progress';
  return {
    internalId: work.internalId ?? `work_${work.connectorId}_${work.now}`,
    standardId: `work--${randomUUID()}`,
    entityType: WORK_ENTITY_TYPE,
    baseType: 'ENTITY',
    stixIds: [],
    aliasIds: [],
    lookupKeys: [],
    attributes: {
      name: work.name,
      connector_id: work.connectorId,
      user_id: work.userId,
      status,
      event_source_id: work.eventSourceId ?? work.connectorId,
      timestamp: work.now,
      received_time: status === 'progress' ? work.now : null,
      processed_time: null,
      completed_time: null,
      completed_number: 0,
      import_expected_number: 0,
      import_processed_number: 0,
      counts: { created: 0, updated: 0, unchanged: 0, rejected: 0 },
      errors: [],
      errors_count: 0,
      messages: [],
      is_multipart: work.multipart ?? false,
    },
    refs: {},
    createdAt: work.now,
    updatedAt: work.now,
    version: 1,
  };
}

export function workCounts(work: StoredElement): WorkCounts {
  const a = work.attributes;
  const counts = (a.counts ?? {}) as Partial<WorkCounts>;
  return {
    expected: Number(a.import_expected_number ?? 0),
    processed: Number(a.import_processed_number ?? 0),
    created: counts.created ?? 0,
    updated: counts.updated ?? 0,
    unchanged: counts.unchanged ?? 0,
    rejected: counts.rejected ?? 0,
  };
}

/** The next version of a work after some progress (pure: committed with the data it counts). */
export function withWorkProgress(
  work: StoredElement,
  progress: WorkProgress,
  now: string,
): StoredElement {
  const current = workCounts(work);
  const add = (key: keyof WorkCounts) => current[key] + (progress[key] ?? 0);
  const errors = [...((work.attributes.errors ?? []) as unknown[]), ...(progress.errors ?? [])];
  return {
    ...work,
    attributes: {
      ...work.attributes,
      import_expected_number: add('expected'),
      import_processed_number: add('processed'),
      counts: {
        created: add('created'),
        updated: add('updated'),
        unchanged: add('unchanged'),
        rejected: add('rejected'),
      },
      errors: errors.slice(0, MAX_WORK_ERRORS),
      errors_count: Number(work.attributes.errors_count ?? 0) + (progress.errors?.length ?? 0),
    },
    updatedAt: now,
    version: work.version + 1,
  };
}

/** Closes a work: status complete, completion time and number (connector-protocol.md §3.3). */
export function withWorkCompleted(
  work: StoredElement,
  message: string | undefined,
  now: string,
  completedNumber?: number,
): StoredElement {
  const counts = workCounts(work);
  const noted = withWorkMessage(work, message, false, now);
  return {
    ...noted,
    attributes: {
      ...noted.attributes,
      status: 'complete',
      processed_time: work.attributes.processed_time ?? now,
      completed_time: now,
      completed_number: completedNumber ?? counts.processed,
    },
    updatedAt: now,
    version: work.version + 1,
  };
}

/** Appends a message to the work's messages, or to its errors when `inError`. */
export function withWorkMessage(
  work: StoredElement,
  message: string | undefined,
  inError: boolean,
  now: string,
): StoredElement {
  if (message === undefined || message === null || message === '') {
    return { ...work, updatedAt: now, version: work.version + 1 };
  }
  const entry = { timestamp: now, message, source: '' };
  const errors = (work.attributes.errors ?? []) as unknown[];
  const attributes = inError
    ? {
        ...work.attributes,
        errors: [...errors, entry].slice(0, MAX_WORK_ERRORS),
        errors_count: Number(work.attributes.errors_count ?? 0) + 1,
      }
    : {
        ...work.attributes,
        messages: [...((work.attributes.messages ?? []) as unknown[]), entry],
      };
  return { ...work, attributes, updatedAt: now, version: work.version + 1 };
}

/** Sets a work's status (and any lifecycle time given). */
export function withWorkStatus(
  work: StoredElement,
  status: WorkStatus,
  times: Record<string, string>,
  now: string,
): StoredElement {
  return {
    ...work,
    attributes: { ...work.attributes, ...times, status },
    updatedAt: now,
    version: work.version + 1,
  };
}
