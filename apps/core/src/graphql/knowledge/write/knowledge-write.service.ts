import { Inject, Injectable } from '@nestjs/common';
import { ConnectorJobsService } from '@lib/connectors';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import {
  KnowledgeBundleService,
  KnowledgeCreateService,
  KnowledgeDeleteService,
  KnowledgeEditService,
  KnowledgeMergeService,
} from '@lib/knowledge';
import type {
  EditInput,
  EntityCreateInput,
  ObservableCreateInput,
  RefRelationInput,
} from '@lib/knowledge';
import { AppError } from '@lib/kernel';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { isTypeOf } from '@lib/stix';
import { KnowledgeNode } from '../read/knowledge-node.model';
import { refRelationsOf } from '../read/ref-relations.util';
import type { WorkModel } from '../../connectors/work.model';
import { workModelOf } from '../../connectors/work-view.util';
import { FileWriteService } from './file-write.service';

/** The target of an `…Edit(id)` object: the element its fields change. */
export type EditTarget = { readonly id: string; readonly types: readonly string[] };

/**
 * The GraphQL side of the knowledge write services: inputs in, KnowledgeNodes out (so that a
 * mutation's selection reads like a query's), files of multipart requests streamed to storage.
 */
@Injectable()
export class KnowledgeWriteService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(KnowledgeCreateService) private readonly creates: KnowledgeCreateService,
    @Inject(KnowledgeEditService) private readonly edits: KnowledgeEditService,
    @Inject(KnowledgeDeleteService) private readonly deletes: KnowledgeDeleteService,
    @Inject(KnowledgeMergeService) private readonly merges: KnowledgeMergeService,
    @Inject(KnowledgeBundleService) private readonly bundles: KnowledgeBundleService,
    @Inject(ConnectorJobsService) private readonly jobs: ConnectorJobsService,
    @Inject(FileWriteService) readonly fileWrites: FileWriteService,
  ) {}

  /** `askEnrichment(s)`: one enrichment job per connector; answers the works (wait). */
  async askEnrichments(
    ctx: AccessContext,
    id: string,
    connectorIds: readonly string[],
  ): Promise<WorkModel[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNENRICHMENT')) {
      throw new AppError({
        code: 'FORBIDDEN',
        category: 'forbidden',
        message: 'Asking for an enrichment needs the KNOWLEDGE_KNENRICHMENT capability',
      });
    }
    const element = await this.store.get(ctx, id);
    if (!element) {
      throw new AppError({
        code: 'KNOWLEDGE_NOT_FOUND',
        category: 'not_found',
        message: `No element ${id}`,
      });
    }
    const works: WorkModel[] = [];
    for (const connectorId of connectorIds) {
      works.push(
        workModelOf(await this.jobs.askEnrichment(ctx, element, connectorId), ctx.userName),
      );
    }
    return works;
  }

  /** The element as a knowledge node (what edit fields answer). */
  async node(ctx: AccessContext, id: string): Promise<KnowledgeNode | null> {
    const element = await this.store.get(ctx, id);
    return element ? new KnowledgeNode(element) : null;
  }

  async create(
    ctx: AccessContext,
    entityType: string,
    input: EntityCreateInput,
  ): Promise<KnowledgeNode> {
    const created = await this.creates.create(ctx, entityType, plain(input));
    await this.attachFiles(ctx, created, input.files);
    return new KnowledgeNode(created);
  }

  async createObservable(ctx: AccessContext, input: ObservableCreateInput): Promise<KnowledgeNode> {
    const created = await this.creates.createObservable(ctx, plain(input));
    // The files travel in the typed sub-input (`StixFile: {…, files}`).
    for (const sub of Object.values(input)) {
      if (sub !== null && typeof sub === 'object' && 'files' in sub) {
        await this.attachFiles(ctx, created, (sub as { files?: unknown }).files);
      }
    }
    return new KnowledgeNode(created);
  }

  /** Resolves an `…Edit(id)` target: the element must exist, be visible and be of `types`. */
  async editTarget(ctx: AccessContext, id: string, types: readonly string[]): Promise<EditTarget> {
    const found = (await this.store.resolve(ctx, [id])).get(id) ?? [];
    const match = found.find((e) => types.some((t) => isTypeOf(e.entityType, t)));
    if (!match) {
      throw new AppError({
        code: 'KNOWLEDGE_NOT_FOUND',
        category: 'not_found',
        message: `No ${types.join(' or ')} with id ${id}`,
        details: { id, types },
      });
    }
    return { id: match.internalId, types };
  }

  async fieldPatch(ctx: AccessContext, id: string, input: readonly EditInput[]) {
    return new KnowledgeNode(await this.edits.fieldPatch(ctx, id, input.map(plain)));
  }

  /** Adds a ref; answers the ref relationship (pycti reads its `from` and `to`). */
  async relationAdd(ctx: AccessContext, id: string, input: RefRelationInput) {
    const updated = await this.edits.relationAdd(ctx, id, {
      toId: input.toId,
      relationship_type: input.relationship_type,
    });
    const targets = (await this.store.resolve(ctx, [input.toId])).get(input.toId) ?? [];
    const toIds = new Set(targets.map((t) => t.internalId));
    const [relation] = refRelationsOf(updated, [input.relationship_type], toIds);
    return new KnowledgeNode(relation ?? updated);
  }

  async relationsAdd(
    ctx: AccessContext,
    id: string,
    input: { toIds: readonly string[]; relationship_type: string },
  ) {
    return new KnowledgeNode(await this.edits.relationsAdd(ctx, id, input));
  }

  async organizationSharing(
    ctx: AccessContext,
    id: string,
    organizationIds: readonly string[],
    share: boolean,
    cascade: boolean,
  ) {
    const updated = await this.edits.organizationSharing(ctx, id, organizationIds, share, cascade);
    return new KnowledgeNode(updated);
  }

  async relationDelete(ctx: AccessContext, id: string, toId: string, relationshipType: string) {
    return new KnowledgeNode(await this.edits.relationDelete(ctx, id, toId, relationshipType));
  }

  async delete(ctx: AccessContext, id: string): Promise<string> {
    return this.deletes.delete(ctx, id);
  }

  async merge(ctx: AccessContext, id: string, sourceIds: readonly string[]) {
    return new KnowledgeNode(await this.merges.merge(ctx, id, sourceIds));
  }

  async bundlePush(
    ctx: AccessContext,
    connectorId: string,
    bundle: string,
    workId: string | undefined,
  ): Promise<string> {
    return this.bundles.push(ctx, { connectorId, bundle, workId });
  }

  private async attachFiles(ctx: AccessContext, owner: StoredElement, files: unknown) {
    if (!Array.isArray(files)) return;
    for (const file of files) {
      if (file !== null && file !== undefined)
        await this.fileWrites.importPush(ctx, owner.internalId, file);
    }
  }
}

// GraphQL inputs are objects with a null prototype and class instances; the services take plain
// records (they spread and inspect keys).
function plain<T>(value: T): T {
  return { ...value };
}
