import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import type { OrderMode } from '@lib/search-index';
import type { ConnectorDeps } from './connector-deps.types';

/** Relationships taken into a full export, at most. */
const MAX_RELATIONSHIPS = 5000;

/** Elements a list export takes, at most (the work's message says when a list was cut). */
export const MAX_LIST_EXPORT = 50_000;

const PAGE = 1000;

/** Marking definitions read to narrow an export's access, at most. */
const MAX_MARKINGS = 5000;

/** What an export job asks for, read from its message (connector-protocol.md §2.8). */
export type ExportRequestOf =
  | { scope: 'single'; entityId: string }
  | { scope: 'selection'; ids: string[] }
  | {
      scope: 'query';
      entityType: string;
      search?: string;
      filters?: FilterGroup;
      orderBy?: string;
      orderMode?: OrderMode;
    };

/**
 * The applicant's access minus the markings an export leaves out (`contentMaxMarkings`, sent as
 * an `access_filter` excluding them): what they mark is neither listed nor referenced.
 */
export async function narrowedAccess(
  deps: ConnectorDeps,
  ctx: AccessContext,
  excluded: readonly string[],
): Promise<AccessContext> {
  if (excluded.length === 0) return ctx;
  let allowed: Set<string>;
  if (ctx.bypass || ctx.allowedMarkings === 'all') {
    const page = await deps.index.search(ctx, {
      types: ['Marking-Definition'],
      first: MAX_MARKINGS,
    });
    allowed = new Set(page.items.map((m) => m.internalId));
  } else {
    allowed = new Set(ctx.allowedMarkings);
  }
  excluded.forEach((id) => allowed.delete(id));
  return {
    ...ctx,
    bypass: false,
    allowedMarkings: allowed,
    organizations: ctx.bypass ? 'all' : ctx.organizations,
  };
}

/** The marking ids an `access_filter` of OpenCTI's shape excludes (`objectMarking` not_eq). */
export function excludedMarkingsOf(accessFilter: unknown): string[] {
  const group = accessFilter as { filters?: unknown } | null | undefined;
  if (!group || !Array.isArray(group.filters)) return [];
  return (group.filters as { key?: unknown; operator?: unknown; values?: unknown }[])
    .filter(
      (f) =>
        [f.key].flat().includes('objectMarking') &&
        f.operator === 'not_eq' &&
        Array.isArray(f.values),
    )
    .flatMap((f) => (f.values as unknown[]).map(String));
}

/** The listed elements: picked by id, or found by the list's query (cut at MAX_LIST_EXPORT). */
export async function exportRoots(
  deps: ConnectorDeps,
  ctx: AccessContext,
  request: ExportRequestOf,
): Promise<{ roots: StoredElement[]; cut: boolean }> {
  if (request.scope === 'single') {
    const element = await deps.store.get(ctx, request.entityId);
    return { roots: element ? [element] : [], cut: false };
  }
  if (request.scope === 'selection') {
    const found = await deps.store.getMany(ctx, request.ids);
    return { roots: request.ids.flatMap((id) => found.get(id) ?? []), cut: false };
  }
  const roots: StoredElement[] = [];
  for (let after: string | undefined; ;) {
    const page = await deps.index.search(ctx, {
      types: [request.entityType],
      ...(request.filters ? { filters: request.filters } : {}),
      ...(request.search ? { search: request.search } : {}),
      ...(request.orderBy ? { orderBy: request.orderBy } : {}),
      ...(request.orderMode ? { orderMode: request.orderMode } : {}),
      first: Math.min(PAGE, MAX_LIST_EXPORT - roots.length),
      ...(after ? { after } : {}),
    });
    roots.push(...page.items);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return { roots, cut: false };
    if (roots.length >= MAX_LIST_EXPORT) return { roots, cut: true };
    after = page.pageInfo.endCursor;
  }
}

/**
 * The listed elements and what they reference (authors, markings, labels…); full: also their
 * relationships, the other ends, a container's objects, and what those reference.
 */
export async function exportedSet(
  deps: ConnectorDeps,
  ctx: AccessContext,
  roots: readonly StoredElement[],
  full: boolean,
): Promise<StoredElement[]> {
  const found = new Map<string, StoredElement>(roots.map((e) => [e.internalId, e]));
  const add = async (ids: Iterable<string>) => {
    const wanted = [...new Set(ids)].filter((id) => !found.has(id));
    const loaded = await deps.store.getMany(ctx, wanted);
    loaded.forEach((e) => found.set(e.internalId, e));
    return [...loaded.values()];
  };
  const referenced = (elements: readonly StoredElement[], withObjects: boolean) =>
    elements.flatMap((e) =>
      Object.entries(e.refs)
        .filter(([name]) => withObjects || name !== 'object')
        .flatMap(([, ids]) => ids),
    );
  const contents = await add(referenced(roots, full));
  if (full) {
    const page = await deps.index.search(ctx, {
      types: ['stix-core-relationship', 'stix-sighting-relationship'],
      filters: {
        mode: 'and',
        filters: [{ key: ['fromOrToId'], values: roots.map((r) => r.internalId) }],
        filterGroups: [],
      },
      first: MAX_RELATIONSHIPS,
    });
    page.items.forEach((r) => found.set(r.internalId, r));
    const ends = page.items.flatMap((r) => [r.fromId, r.toId]).filter((id): id is string => !!id);
    const more = await add(ends);
    // What the relationships, their ends and a container's objects reference (authors, markings).
    await add(referenced([...contents, ...page.items, ...more], false));
  }
  return [...found.values()];
}
