import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, deleteElement, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { FilterGroup, Page } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import type { OrderMode } from '@lib/search-index';
import { AccessContextsService } from '../access/access-contexts.service';

export type DirectoryQuery = {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  filters?: FilterGroup | null;
  orderBy?: string | null;
  orderMode?: OrderMode | null;
};

const MAX_PAGE = 5_000;

/**
 * Users, groups, roles and capabilities are internal elements (no STIX, no stream event). Every
 * change drops the cached access contexts of every process (AccessContextsService.invalidate).
 */
@Injectable()
export class AccessDirectory {
  private readonly system = systemContext('access-admin');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(AccessContextsService) private readonly contexts: AccessContextsService,
  ) {}

  list(entityType: string, query: DirectoryQuery = {}): Promise<Page<StoredElement>> {
    return this.index.search(this.system, {
      types: [entityType],
      first: Math.min(query.first ?? 500, MAX_PAGE),
      ...(query.after ? { after: query.after } : {}),
      ...(query.search ? { search: query.search } : {}),
      ...(query.filters ? { filters: query.filters } : {}),
      ...(query.orderBy ? { orderBy: query.orderBy } : {}),
      ...(query.orderMode ? { orderMode: query.orderMode } : {}),
    });
  }

  /** By internal or standard id; undefined when absent or of another type. */
  async find(entityType: string, id: string): Promise<StoredElement | undefined> {
    const byId = await this.store.get(this.system, id);
    if (byId) return byId.entityType === entityType ? byId : undefined;
    const found = (await this.store.resolve(this.system, [id])).get(id) ?? [];
    return found.find((e) => e.entityType === entityType);
  }

  async require(entityType: string, id: string): Promise<StoredElement> {
    const found = await this.find(entityType, id);
    if (!found) throw notFound(entityType, id);
    return found;
  }

  /** Elements by internal id that `reader` may see (markings, organizations of a user…). */
  async visible(reader: AccessContext, ids: readonly string[]): Promise<StoredElement[]> {
    const found = await this.store.getMany(reader, ids);
    const missing = ids.filter((id) => !found.has(id));
    const resolved = missing.length > 0 ? await this.store.resolve(reader, missing) : new Map();
    return ids
      .map((id) => found.get(id) ?? (resolved.get(id) as StoredElement[] | undefined)?.[0])
      .filter((e): e is StoredElement => e !== undefined);
  }

  async many(ids: readonly string[]): Promise<StoredElement[]> {
    const found = await this.store.getMany(this.system, ids);
    return ids.map((id) => found.get(id)).filter((e): e is StoredElement => e !== undefined);
  }

  async create(
    entityType: string,
    attributes: Record<string, unknown>,
    refs: Record<string, string[]> = {},
    identity: { internalId?: string; standardId?: string; lookupKeys?: string[] } = {},
  ): Promise<StoredElement> {
    const now = new Date().toISOString();
    const internalId = identity.internalId ?? randomUUID();
    const element: StoredElement = {
      internalId,
      standardId: identity.standardId ?? `${entityType.toLowerCase()}--${internalId}`,
      entityType,
      baseType: 'ENTITY',
      stixIds: [],
      aliasIds: [],
      lookupKeys: identity.lookupKeys ?? [],
      attributes,
      refs,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.store.commit({
      upserts: [{ element, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
    await this.contexts.invalidate();
    return element;
  }

  /** Applies `change` (retried on a concurrent write); the element must be of `entityType`. */
  async update(
    entityType: string,
    id: string,
    change: (element: StoredElement, now: string) => StoredElement | undefined,
  ): Promise<StoredElement> {
    const current = await this.require(entityType, id);
    const updated = await updateElement(this.store, this.system, current.internalId, (el, now) => {
      const next = change(el, now);
      return next ? { ...next, updatedAt: now } : undefined;
    });
    if (!updated) throw notFound(entityType, id);
    await this.contexts.invalidate();
    return updated;
  }

  /** Adds or removes `targetId` in the element's `rel` refs. */
  link(entityType: string, id: string, rel: string, targetId: string, add: boolean) {
    return this.update(entityType, id, (el) => {
      const current = el.refs[rel] ?? [];
      const has = current.includes(targetId);
      if (has === add) return undefined;
      const next = add ? [...current, targetId] : current.filter((t) => t !== targetId);
      return { ...el, refs: { ...el.refs, [rel]: next } };
    });
  }

  async remove(entityType: string, id: string): Promise<string> {
    const current = await this.require(entityType, id);
    await deleteElement(this.store, this.system, current.internalId);
    await this.contexts.invalidate();
    return current.internalId;
  }

  /** Refuses a second group or role of the same name (SSO maps names to them). */
  async requireUniqueName(entityType: string, name: string): Promise<void> {
    // Groups and roles are few: compared case-insensitively in memory.
    const page = await this.list(entityType, { first: MAX_PAGE });
    if (page.items.some((e) => String(e.attributes.name).toLowerCase() === name.toLowerCase())) {
      throw new AppError({
        code: 'ACCESS_NAME_TAKEN',
        category: 'conflict',
        message: `A ${entityType.toLowerCase()} named ${name} already exists`,
        details: { entityType, name },
      });
    }
  }

  /** Elements of `entityType` whose `rel` refs hold `targetId` (members of a group…). */
  async referencing(entityType: string, rel: string, targetId: string): Promise<StoredElement[]> {
    const page = await this.list(entityType, {
      first: MAX_PAGE,
      filters: {
        mode: 'and',
        filters: [{ key: [rel], values: [targetId], operator: 'eq', mode: 'or' }],
        filterGroups: [],
      },
    });
    return page.items;
  }
}

export function notFound(entityType: string, id: string): AppError {
  return new AppError({
    code: 'ACCESS_ELEMENT_NOT_FOUND',
    category: 'not_found',
    message: `No ${entityType} ${id}`,
    details: { entityType, id },
  });
}
