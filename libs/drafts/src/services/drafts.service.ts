import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import { EntityStore, updateElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { IngestionJobsService } from '@lib/ingestion';
import { AppError } from '@lib/kernel';
import { accessRule, hasCapability, markingsAllowed, systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { isObservableType, isTypeOf } from '@lib/stix';
import { CollectionElements, entityTypeOfStix } from '@lib/streams';
import { DRAFT_ENTITY_TYPE } from '../draft.types';
import type { DraftObjectsCount, DraftWorkspace } from '../draft.types';

export type Stix = Record<string, unknown> & { id: string; type: string };

const folder = (draftId: string) => `drafts/${draftId}/`;
const PAGE = 1000;

function view(element: StoredElement): DraftWorkspace {
  const a = element.attributes;
  const str = (key: string) => (typeof a[key] === 'string' ? a[key] : null);
  const creators = Array.isArray(a.creator_id) ? a.creator_id : [];
  return {
    id: element.internalId,
    name: str('name') ?? '',
    description: '',
    entityId: str('entity_id'),
    status: a.draft_status === 'validated' ? 'validated' : 'open',
    createdAt: element.createdAt,
    creatorId: typeof creators[0] === 'string' ? creators[0] : '',
    validationWorkId: str('validation_work_id'),
    validatedAt: str('validated_at'),
  };
}

/** A draft's objects counted by kind (OpenCTI's `objectsCount`). */
export function draftCounts(objects: readonly Stix[]): DraftObjectsCount {
  const counts: DraftObjectsCount = {
    totalCount: 0,
    entitiesCount: 0,
    observablesCount: 0,
    relationshipsCount: 0,
    sightingsCount: 0,
    containersCount: 0,
  };
  for (const object of objects) {
    const type = entityTypeOfStix(object);
    counts.totalCount += 1;
    if (object.type === 'relationship') counts.relationshipsCount += 1;
    else if (object.type === 'sighting') counts.sightingsCount += 1;
    else if (isObservableType(type)) counts.observablesCount += 1;
    else {
      counts.entitiesCount += 1;
      if (isTypeOf(type, 'Container')) counts.containersCount += 1;
    }
  }
  return counts;
}

function draftError(code: string, message: string, category: AppError['category']): AppError {
  return new AppError({ code, category, message });
}

/**
 * Draft workspaces (connector-protocol.md §2.4 `draft_id`): what an import sends with a draft id
 * is staged in the draft (blobs under `drafts/<id>/`) instead of the graph; analysts read it
 * (each object only if they may see all its markings), then validate it, which imports it as
 * one work, or delete it.
 */
@Injectable()
export class DraftsService {
  private readonly system = systemContext('drafts');
  private readonly elements: CollectionElements<DraftWorkspace>;

  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) index: SearchIndex,
    @Inject(BlobStore) private readonly blobs: BlobStore,
    @Inject(IngestionJobsService) private readonly jobs: IngestionJobsService,
  ) {
    this.elements = new CollectionElements(store, index, {
      entityType: DRAFT_ENTITY_TYPE,
      label: 'draft',
      view,
      editable: {},
    });
  }

  /** `draftWorkspaceAdd`: an open draft, for an element the caller can see when one is given. */
  async create(
    ctx: AccessContext,
    input: { name: string; entityId?: string | null },
  ): Promise<DraftWorkspace> {
    const name = input.name.trim();
    if (!name) throw draftError('DRAFT_NAME_REQUIRED', 'A draft needs a name', 'validation');
    let entityId: string | null = null;
    if (input.entityId) {
      const found = (await this.store.resolve(ctx, [input.entityId])).get(input.entityId)?.[0];
      if (!found) {
        throw draftError('DRAFT_ENTITY_NOT_FOUND', `No element ${input.entityId}`, 'not_found');
      }
      entityId = found.internalId;
    }
    return this.elements.add(ctx, { name, entity_id: entityId, draft_status: 'open' });
  }

  find(id: string): Promise<DraftWorkspace | undefined> {
    return this.elements.find(id);
  }

  list(search?: string | null): Promise<DraftWorkspace[]> {
    return this.elements.list(search);
  }

  /**
   * Stages objects an import sent with the draft's id (the worker's side); refused when the draft
   * is gone or validated already, so nothing is staged where nobody will review it.
   */
  async stage(draftId: string, objects: readonly unknown[]): Promise<void> {
    const draft = await this.open(draftId);
    if (objects.length === 0) return;
    const key = `${folder(draft.id)}${new Date().toISOString()}-${randomUUID()}.json`;
    const body = Buffer.from(JSON.stringify({ objects }), 'utf8');
    await this.blobs.put(key, body, { contentType: 'application/json', metadata: {} });
  }

  /** The draft's objects the caller may see (the last staged version of each id). */
  async objects(ctx: AccessContext, draftId: string): Promise<Stix[]> {
    const draft = await this.elements.get(draftId);
    const all = await this.staged(draft.id);
    return this.visible(ctx, all);
  }

  /**
   * `draftWorkspaceValidate`: imports everything the draft holds as one work (markings the
   * validator cannot see included: validating needs the right to update knowledge, and the
   * import applies the platform's own rules); the draft is closed.
   */
  async validate(ctx: AccessContext, draftId: string): Promise<string> {
    const draft = await this.open(draftId);
    const objects = await this.staged(draft.id);
    const { workId } = await this.jobs.enqueueBundleWithWork(
      {
        connectorId: `draft-${draft.id}`,
        workName: `Draft validation: ${draft.name}`,
        bundle: JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }),
      },
      { userId: ctx.userId, objects: objects.length },
    );
    await updateElement(this.store, this.system, draft.id, (el, now) => ({
      ...el,
      attributes: {
        ...el.attributes,
        draft_status: 'validated',
        validation_work_id: workId,
        validated_at: now,
      },
      updatedAt: now,
    }));
    return workId;
  }

  /** `draftWorkspaceDelete`: the draft and what it staged. */
  async delete(draftId: string): Promise<string> {
    const draft = await this.elements.get(draftId);
    for (;;) {
      const page = await this.blobs.list(folder(draft.id), { limit: PAGE });
      if (page.length === 0) break;
      await Promise.all(page.map((info) => this.blobs.delete(info.key)));
    }
    return this.elements.delete(draft.id);
  }

  private async open(draftId: string): Promise<DraftWorkspace> {
    const draft = await this.elements.find(draftId);
    if (!draft) throw draftError('DRAFT_NOT_FOUND', `No draft ${draftId}`, 'not_found');
    if (draft.status !== 'open') {
      throw draftError(
        'DRAFT_CLOSED',
        `Draft ${draft.name} (${draftId}) is validated already`,
        'conflict',
      );
    }
    return draft;
  }

  private async staged(draftId: string): Promise<Stix[]> {
    const byId = new Map<string, Stix>();
    for (let after: string | undefined; ;) {
      const page = await this.blobs.list(folder(draftId), { after, limit: PAGE });
      for (const info of page) {
        const { body } = await this.blobs.get(info.key);
        const parsed = JSON.parse(await text(body)) as { objects?: unknown[] };
        for (const object of parsed.objects ?? []) {
          const stix = object as Partial<Stix>;
          if (typeof stix.id === 'string' && typeof stix.type === 'string') {
            byId.set(stix.id, stix as Stix);
          }
        }
      }
      if (page.length < PAGE) return [...byId.values()];
      after = page[page.length - 1]?.key;
    }
  }

  /** The objects whose markings the caller may all see (a marking unknown to the platform hides). */
  private async visible(ctx: AccessContext, objects: Stix[]): Promise<Stix[]> {
    if (hasCapability(ctx, 'BYPASS')) return objects;
    const refs = new Set<string>();
    const markingsOf = (o: Stix) =>
      Array.isArray(o.object_marking_refs) ? o.object_marking_refs.map(String) : [];
    objects.forEach((o) => markingsOf(o).forEach((m) => refs.add(m)));
    const resolved = await this.store.resolve(this.system, [...refs]);
    const rule = accessRule(ctx);
    return objects.filter((o) =>
      markingsOf(o).every((ref) => {
        const marking = resolved.get(ref)?.[0];
        return marking !== undefined && markingsAllowed(rule, [marking.internalId]);
      }),
    );
  }
}
