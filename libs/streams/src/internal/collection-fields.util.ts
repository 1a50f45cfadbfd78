import type { StoredElement } from '@lib/entity-store';
import { AppError, textOf } from '@lib/kernel';
import type { FilterGroup } from '@lib/kernel';
import { parseFilterGroup } from './filter-json.util';

// Fields shared by the collections that share knowledge by filters (live streams, TAXII).

const ACCESS_RIGHTS = new Set(['view', 'edit', 'admin']);

export function requiredName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) {
    throw new AppError({
      code: 'COLLECTION_NAME_REQUIRED',
      category: 'validation',
      message: 'A collection needs a name',
    });
  }
  return trimmed;
}

/** Parsed to reject bad filters on save; kept as the text the client sent. */
export function checkedFilters(filters: string | null | undefined): string {
  parseFilterGroup(filters);
  return filters ?? '';
}

export function members(given: readonly unknown[]): { id: string; access_right: string }[] {
  return given.map((member, index) => {
    const m = typeof member === 'string' ? { id: member } : (member as Record<string, unknown>);
    const right = typeof m.access_right === 'string' ? m.access_right : 'view';
    if (typeof m.id !== 'string' || !m.id || !ACCESS_RIGHTS.has(right)) {
      throw new AppError({
        code: 'COLLECTION_INVALID_MEMBER',
        category: 'validation',
        message: `authorized_members[${index}] needs an id and an access_right of view, edit or admin`,
      });
    }
    return { id: m.id, access_right: right };
  });
}

const first = (value: readonly unknown[]) => value[0];

/** `fieldPatch` appliers of the fields every sharing collection has. */
export const COMMON_EDITABLE: Readonly<Record<string, (value: unknown[]) => unknown>> = {
  name: (v) => requiredName(typeof first(v) === 'string' ? (first(v) as string) : ''),
  description: (v) => (typeof first(v) === 'string' ? first(v) : ''),
  filters: (v) => checkedFilters(typeof first(v) === 'string' ? (first(v) as string) : null),
  authorized_members: (v) => members(v),
};

/** A boolean field's `fieldPatch` applier. */
export const booleanField = (v: readonly unknown[]): boolean =>
  first(v) === true || first(v) === 'true';

/** The stored members as the API shows them. */
export function storedMembers(
  value: unknown,
): { id: string; accessRight: 'view' | 'edit' | 'admin' }[] {
  const stored = Array.isArray(value) ? (value as { id: string; access_right: string }[]) : [];
  return stored.map((m) => ({
    id: m.id,
    accessRight: m.access_right as 'view' | 'edit' | 'admin',
  }));
}

/** The first creator of a stored collection. */
export const creatorOf = (value: unknown): string =>
  Array.isArray(value) ? String(value[0] ?? '') : '';

/** What every sharing collection (live stream, TAXII) has. */
export type CollectionBase = {
  id: string;
  name: string;
  description: string;
  /** The FilterGroup JSON as given. */
  filters: string;
  filterGroup: FilterGroup;
  authorizedMembers: { id: string; accessRight: 'view' | 'edit' | 'admin' }[];
  creatorId: string;
  createdAt: string;
  updatedAt: string;
};

/** The common fields of a stored sharing collection. */
export function collectionBase(element: StoredElement): CollectionBase {
  const a = element.attributes;
  const filters = typeof a.filters === 'string' ? a.filters : '';
  return {
    id: element.internalId,
    name: textOf(a.name) ?? '',
    description: textOf(a.description) ?? '',
    filters,
    filterGroup: parseFilterGroup(filters),
    authorizedMembers: storedMembers(a.authorized_members),
    creatorId: creatorOf(a.creator_id),
    createdAt: element.createdAt,
    updatedAt: element.updatedAt,
  };
}
