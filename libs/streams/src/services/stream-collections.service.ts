import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityStore, deleteElement, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError, textOf } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { parseFilterGroup } from '../internal/filter-json.util';
import { STREAM_COLLECTION_ENTITY_TYPE } from '../stream-collection.types';
import type {
  AuthorizedMember,
  StreamCollection,
  StreamCollectionInput,
  StreamCollectionPatch,
} from '../stream-collection.types';

const MAX_COLLECTIONS = 1000;
const ACCESS_RIGHTS = new Set(['view', 'edit', 'admin']);

/** Live stream definitions (connector-protocol.md §4.8), stored as internal elements. */
@Injectable()
export class StreamCollectionsService {
  private readonly system = systemContext('streams');

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
  ) {}

  async add(ctx: AccessContext, input: StreamCollectionInput): Promise<StreamCollection> {
    const now = new Date().toISOString();
    const internalId = randomUUID();
    const element: StoredElement = {
      internalId,
      standardId: `streamcollection--${internalId}`,
      entityType: STREAM_COLLECTION_ENTITY_TYPE,
      baseType: 'ENTITY',
      stixIds: [],
      aliasIds: [],
      lookupKeys: [],
      attributes: {
        name: requiredName(input.name),
        description: input.description ?? '',
        filters: checkedFilters(input.filters),
        stream_live: input.stream_live ?? false,
        stream_public: input.stream_public ?? false,
        authorized_members: members(input.authorized_members ?? []),
        creator_id: [ctx.userId],
      },
      refs: {},
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.store.commit({
      upserts: [{ element, expectedVersion: 0 }],
      deletes: [],
      events: [],
    });
    return collectionOf(element);
  }

  async find(id: string): Promise<StreamCollection | undefined> {
    const element = await this.store.get(this.system, id);
    return element?.entityType === STREAM_COLLECTION_ENTITY_TYPE
      ? collectionOf(element)
      : undefined;
  }

  async get(id: string): Promise<StreamCollection> {
    const found = await this.find(id);
    if (!found) throw notFound(id);
    return found;
  }

  /** Every collection, by name; `search` keeps those whose name or description contains it. */
  async list(search?: string | null): Promise<StreamCollection[]> {
    const page = await this.index.search(this.system, {
      types: [STREAM_COLLECTION_ENTITY_TYPE],
      first: MAX_COLLECTIONS,
    });
    const needle = search?.trim().toLowerCase();
    return page.items
      .map(collectionOf)
      .filter(
        (c) =>
          !needle ||
          c.name.toLowerCase().includes(needle) ||
          c.description.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** `fieldPatch`: name, description, filters, stream_live, stream_public, authorized_members. */
  async edit(id: string, patches: readonly StreamCollectionPatch[]): Promise<StreamCollection> {
    const attributes = Object.fromEntries(patches.map((p) => [p.key, patchedValue(p)]));
    const updated = await updateElement(this.store, this.system, id, (el, now) =>
      el.entityType === STREAM_COLLECTION_ENTITY_TYPE
        ? { ...el, attributes: { ...el.attributes, ...attributes }, updatedAt: now }
        : undefined,
    );
    if (!updated || updated.entityType !== STREAM_COLLECTION_ENTITY_TYPE) throw notFound(id);
    return collectionOf(updated);
  }

  async delete(id: string): Promise<string> {
    await this.get(id);
    await deleteElement(this.store, this.system, id);
    return id;
  }
}

function patchedValue(patch: StreamCollectionPatch): unknown {
  const first = patch.value[0];
  switch (patch.key) {
    case 'name':
      return requiredName(typeof first === 'string' ? first : '');
    case 'description':
      return typeof first === 'string' ? first : '';
    case 'filters':
      return checkedFilters(typeof first === 'string' ? first : null);
    case 'stream_live':
    case 'stream_public':
      return first === true || first === 'true';
    case 'authorized_members':
      return members(patch.value);
    default:
      throw new AppError({
        code: 'STREAM_FIELD_NOT_EDITABLE',
        category: 'validation',
        message: `StreamCollection has no editable field ${patch.key}`,
        details: { key: patch.key },
      });
  }
}

function requiredName(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) {
    throw new AppError({
      code: 'STREAM_NAME_REQUIRED',
      category: 'validation',
      message: 'A stream collection needs a name',
    });
  }
  return trimmed;
}

/** Parsed to reject bad filters on save; kept as the text the client sent. */
function checkedFilters(filters: string | null | undefined): string {
  parseFilterGroup(filters);
  return filters ?? '';
}

function members(given: readonly unknown[]): { id: string; access_right: string }[] {
  return given.map((member, index) => {
    const m = typeof member === 'string' ? { id: member } : (member as Record<string, unknown>);
    const right = typeof m.access_right === 'string' ? m.access_right : 'view';
    if (typeof m.id !== 'string' || !m.id || !ACCESS_RIGHTS.has(right)) {
      throw new AppError({
        code: 'STREAM_INVALID_MEMBER',
        category: 'validation',
        message: `authorized_members[${index}] needs an id and an access_right of view, edit or admin`,
      });
    }
    return { id: m.id, access_right: right };
  });
}

export function collectionOf(element: StoredElement): StreamCollection {
  const a = element.attributes;
  const filters = typeof a.filters === 'string' ? a.filters : '';
  const stored = Array.isArray(a.authorized_members) ? a.authorized_members : [];
  return {
    id: element.internalId,
    name: textOf(a.name) ?? '',
    description: textOf(a.description) ?? '',
    filters,
    filterGroup: parseFilterGroup(filters),
    live: a.stream_live === true,
    public: a.stream_public === true,
    authorizedMembers: (stored as { id: string; access_right: string }[]).map((m) => ({
      id: m.id,
      accessRight: m.access_right as AuthorizedMember['accessRight'],
    })),
    creatorId: Array.isArray(a.creator_id) ? String(a.creator_id[0] ?? '') : '',
    createdAt: element.createdAt,
    updatedAt: element.updatedAt,
  };
}

function notFound(id: string): AppError {
  return new AppError({
    code: 'STREAM_NOT_FOUND',
    category: 'not_found',
    message: `No stream collection ${id}`,
    details: { id },
  });
}
