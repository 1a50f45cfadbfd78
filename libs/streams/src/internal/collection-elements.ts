import { randomUUID } from 'node:crypto';
import { deleteElement, updateElement } from '@lib/entity-store';
import type { EntityStore, StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { systemContext } from '@lib/rbac';
import type { SearchIndex } from '@lib/search-index';

const MAX_COLLECTIONS = 1000;

/** How one kind of sharing collection (live stream, TAXII) is stored and edited. */
export type CollectionKind<T> = {
  entityType: string;
  /** Human name in errors ("stream collection"). */
  label: string;
  view: (element: StoredElement) => T;
  /** Field → its stored value from a `fieldPatch` value list (throws on a bad one). */
  editable: Readonly<Record<string, (value: unknown[]) => unknown>>;
};

/**
 * The stored collections of one kind: internal elements (no stream event), listed from the
 * search index, edited field by field.
 */
export class CollectionElements<T extends { name: string; description: string }> {
  private readonly system = systemContext('collections');

  constructor(
    private readonly store: EntityStore,
    private readonly index: SearchIndex,
    private readonly kind: CollectionKind<T>,
  ) {}

  async add(ctx: AccessContext, attributes: Record<string, unknown>): Promise<T> {
    const now = new Date().toISOString();
    const internalId = randomUUID();
    const element: StoredElement = {
      internalId,
      standardId: `${this.kind.entityType.toLowerCase()}--${internalId}`,
      entityType: this.kind.entityType,
      baseType: 'ENTITY',
      stixIds: [],
      aliasIds: [],
      lookupKeys: [],
      attributes: { ...attributes, creator_id: [ctx.userId] },
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
    return this.kind.view(element);
  }

  async find(id: string): Promise<T | undefined> {
    const element = await this.store.get(this.system, id);
    return element?.entityType === this.kind.entityType ? this.kind.view(element) : undefined;
  }

  async get(id: string): Promise<T> {
    const found = await this.find(id);
    if (!found) throw this.notFound(id);
    return found;
  }

  /** Every collection, by name; `search` keeps those whose name or description contains it. */
  async list(search?: string | null): Promise<T[]> {
    const page = await this.index.search(this.system, {
      types: [this.kind.entityType],
      first: MAX_COLLECTIONS,
    });
    const needle = search?.trim().toLowerCase();
    return page.items
      .map((element) => this.kind.view(element))
      .filter(
        (c) =>
          !needle ||
          c.name.toLowerCase().includes(needle) ||
          c.description.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async edit(id: string, patches: readonly { key: string; value: unknown[] }[]): Promise<T> {
    const attributes = Object.fromEntries(
      patches.map((p) => {
        const apply = this.kind.editable[p.key];
        if (!apply) {
          throw new AppError({
            code: 'COLLECTION_FIELD_NOT_EDITABLE',
            category: 'validation',
            message: `A ${this.kind.label} has no editable field ${p.key}`,
            details: { key: p.key },
          });
        }
        return [p.key, apply(p.value)];
      }),
    );
    const updated = await updateElement(this.store, this.system, id, (el, now) =>
      el.entityType === this.kind.entityType
        ? { ...el, attributes: { ...el.attributes, ...attributes }, updatedAt: now }
        : undefined,
    );
    if (!updated || updated.entityType !== this.kind.entityType) throw this.notFound(id);
    return this.kind.view(updated);
  }

  async delete(id: string): Promise<string> {
    await this.get(id);
    await deleteElement(this.store, this.system, id);
    return id;
  }

  private notFound(id: string): AppError {
    return new AppError({
      code: 'COLLECTION_NOT_FOUND',
      category: 'not_found',
      message: `No ${this.kind.label} ${id}`,
      details: { id },
    });
  }
}
