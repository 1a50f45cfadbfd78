import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import type { BlobInfo, BlobObject } from '@lib/blob-store';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext, Capability } from '@lib/rbac';
import { accessRule, hasCapability, markingsAllowed } from '@lib/rbac';
import { elementNotFound, invalidInput, missingCapability } from '../errors/knowledge.error';
import { loadVisible, requireCapability, resolveRefs } from '../internal/element-loader';
import {
  GLOBAL_IMPORT_PREFIX,
  assertFileName,
  exportPrefix,
  fileMarkingsOf,
  filePrefix,
  knowledgeFile,
  listExportPrefix,
  locateFile,
  markingsMetadata,
} from '../internal/file-keys.util';
import type { FileLocation } from '../internal/file-keys.util';
import type { KnowledgeFile } from '../knowledge.types';

const LIST_PAGE = 1000;

/** What a file is stored with beyond its body. */
export type FileUpload = {
  fileName: string;
  mimeType: string;
  body: Readable | Buffer;
  /** Marking definition ids (any id form) the file carries; who may not see them, cannot see it. */
  markings?: readonly string[];
};

/** A file with its stored info, and the element it belongs to (none for global imports). */
export type StoredFile = { file: KnowledgeFile; info: BlobInfo; owner?: StoredElement };

/**
 * Files, stored through the BlobStore (connector-protocol.md §6.1): imports uploaded for no element
 * under `import/global/`, files attached to an element under `import/<type>/<id>/`, its exports
 * under `export/<type>/<id>/` and exports of lists under `export/<type>/`. Every access goes
 * through the owner's visibility, the folder's capability and the file's markings.
 */
@Injectable()
export class KnowledgeFilesService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(BlobStore) private readonly blobs: BlobStore,
  ) {}

  /** Stores (or replaces) a file of the element (`importPush`); the body is streamed. */
  async upload(ctx: AccessContext, entityId: string, upload: FileUpload): Promise<StoredFile> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPLOAD');
    const owner = await loadVisible(this.store, ctx, entityId);
    return { ...(await this.put(ctx, filePrefix(owner), upload, owner)), owner };
  }

  /** Stores a file for import attached to no element (`uploadImport`). */
  async uploadGlobal(ctx: AccessContext, upload: FileUpload): Promise<StoredFile> {
    requireCapability(ctx, 'KNOWLEDGE_KNASKIMPORT');
    return this.put(ctx, GLOBAL_IMPORT_PREFIX, upload);
  }

  /** Stores an export of an element (`exportPush`, by export connectors). */
  async uploadExport(
    ctx: AccessContext,
    entityId: string,
    upload: FileUpload,
  ): Promise<StoredFile> {
    requireAny(ctx, ['CONNECTORAPI', 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT']);
    const owner = await loadVisible(this.store, ctx, entityId);
    return { ...(await this.put(ctx, exportPrefix(owner), upload, owner)), owner };
  }

  /** Stores an export of a list of elements of a type (`stix…ExportPush` without an entity). */
  async uploadListExport(
    ctx: AccessContext,
    entityType: string,
    upload: FileUpload,
  ): Promise<StoredFile> {
    requireAny(ctx, ['CONNECTORAPI', 'KNOWLEDGE_KNGETEXPORT_KNASKEXPORT']);
    return this.put(ctx, listExportPrefix(checkedType(entityType)), upload);
  }

  /** The element's uploaded files, sorted by name. */
  async list(ctx: AccessContext, entityId: string): Promise<KnowledgeFile[]> {
    const owner = await loadVisible(this.store, ctx, entityId);
    return this.visibleIn(ctx, filePrefix(owner));
  }

  /** The element's exports, sorted by name (`exportFiles`). */
  async listExports(ctx: AccessContext, entityId: string): Promise<KnowledgeFile[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNGETEXPORT')) return [];
    const owner = await loadVisible(this.store, ctx, entityId);
    return this.visibleIn(ctx, exportPrefix(owner));
  }

  /** The exports of lists of a type (`stixCoreObjectsExportFiles`), sorted by name. */
  async listListExports(ctx: AccessContext, entityType: string): Promise<KnowledgeFile[]> {
    if (!hasCapability(ctx, 'KNOWLEDGE_KNGETEXPORT')) return [];
    return this.visibleIn(ctx, listExportPrefix(checkedType(entityType)));
  }

  /** The files uploaded for import attached to no element (`importFiles`). */
  async listGlobal(ctx: AccessContext): Promise<KnowledgeFile[]> {
    requireCapability(ctx, 'KNOWLEDGE');
    return this.visibleIn(ctx, GLOBAL_IMPORT_PREFIX);
  }

  /** A file's description, when the caller may see it (not found otherwise). */
  async describe(ctx: AccessContext, fileId: string): Promise<StoredFile> {
    const { owner } = await this.authorize(ctx, fileId);
    const info = await this.blobs.stat(fileId);
    if (!info || !markingsAllowed(accessRule(ctx), fileMarkingsOf(info))) {
      throw elementNotFound(fileId);
    }
    return { file: knowledgeFile(info), info, ...(owner ? { owner } : {}) };
  }

  /** Opens a file when the caller may see it; consume the body. */
  async download(ctx: AccessContext, fileId: string): Promise<BlobObject> {
    await this.describe(ctx, fileId);
    return this.blobs.get(fileId);
  }

  /** Removes a file the caller may see and change. */
  async remove(ctx: AccessContext, fileId: string): Promise<void> {
    const location = locateFile(fileId);
    requireCapability(
      ctx,
      location.folder === 'global' ? 'KNOWLEDGE_KNASKIMPORT' : 'KNOWLEDGE_KNUPLOAD',
    );
    await this.describe(ctx, fileId);
    await this.blobs.delete(fileId);
  }

  /** Marking definition ids (any form) as the internal ids a file keeps. */
  async markingIds(ctx: AccessContext, ids: readonly string[]): Promise<string[]> {
    const found = await resolveRefs(this.store, ctx, 'fileMarkings', ids);
    for (const marking of found) {
      if (marking.entityType !== 'Marking-Definition') {
        throw invalidInput('fileMarkings', `${marking.standardId} is not a marking definition`);
      }
    }
    return [...new Set(found.map((m) => m.internalId))];
  }

  private async put(
    ctx: AccessContext,
    prefix: string,
    upload: FileUpload,
    owner?: StoredElement,
  ): Promise<StoredFile> {
    assertFileName(upload.fileName);
    const markings = await this.markingIds(ctx, upload.markings ?? []);
    const info = await this.blobs.put(`${prefix}${upload.fileName}`, upload.body, {
      contentType: upload.mimeType,
      metadata: {
        mimetype: upload.mimeType,
        version: new Date().toISOString(),
        ...(owner ? { entity_id: owner.internalId } : {}),
        creator_id: ctx.userId,
        ...markingsMetadata(markings),
      },
    });
    return { file: knowledgeFile(info), info };
  }

  /** Files directly under `prefix` (not in its sub-folders) whose markings the caller sees. */
  private async visibleIn(ctx: AccessContext, prefix: string): Promise<KnowledgeFile[]> {
    const rule = accessRule(ctx);
    const files: KnowledgeFile[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.blobs.list(prefix, { after, limit: LIST_PAGE });
      for (const info of page) {
        const direct = !info.key.slice(prefix.length).includes('/');
        if (direct && markingsAllowed(rule, fileMarkingsOf(info))) files.push(knowledgeFile(info));
      }
      if (page.length < LIST_PAGE) {
        return files;
      }
      after = page[page.length - 1]?.key;
    }
  }

  /** The capability a folder needs, and its owner when it belongs to an element. */
  private async authorize(
    ctx: AccessContext,
    fileId: string,
  ): Promise<{ location: FileLocation; owner?: StoredElement }> {
    const location = locateFile(fileId);
    if (location.folder === 'global') {
      requireCapability(ctx, 'KNOWLEDGE');
      return { location };
    }
    if (location.folder === 'list-export') {
      requireCapability(ctx, 'KNOWLEDGE_KNGETEXPORT');
      return { location };
    }
    if (location.folder === 'export') {
      requireCapability(ctx, 'KNOWLEDGE_KNGETEXPORT');
    }
    const owner = await loadVisible(this.store, ctx, location.internalId);
    const prefix = location.folder === 'export' ? exportPrefix(owner) : filePrefix(owner);
    if (!fileId.startsWith(prefix)) {
      throw invalidInput('fileId', `${fileId} does not belong to its element's type`);
    }
    return { location, owner };
  }
}

/** A type name safe as a folder name, or a validation error naming `entity_type`. */
export function checkedType(entityType: string): string {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(entityType)) {
    throw invalidInput('entity_type', `${entityType} is not an entity type`);
  }
  return entityType;
}

function requireAny(ctx: AccessContext, capabilities: readonly Capability[]): void {
  if (!capabilities.some((c) => hasCapability(ctx, c))) {
    throw missingCapability(capabilities.join(' or '));
  }
}
