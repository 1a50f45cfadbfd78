import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { BlobStore } from '@lib/blob-store';
import type { BlobObject } from '@lib/blob-store';
import { EntityStore } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { invalidInput } from '../errors/knowledge.error';
import { loadVisible, requireCapability } from '../internal/element-loader';
import { assertFileName, fileOwner, filePrefix, knowledgeFile } from '../internal/file-keys.util';
import type { KnowledgeFile } from '../knowledge.types';

const LIST_PAGE = 1000;

/**
 * Files attached to elements (`importPush`, `importFiles`), stored through the BlobStore under
 * `import/<entity_type>/<internal id>/<name>`; every access goes through the owner's visibility.
 */
@Injectable()
export class KnowledgeFilesService {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(BlobStore) private readonly blobs: BlobStore,
  ) {}

  /** Stores (or replaces) a file of the element; the body is streamed. */
  async upload(
    ctx: AccessContext,
    entityId: string,
    fileName: string,
    mimeType: string,
    body: Readable | Buffer,
  ): Promise<KnowledgeFile> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPLOAD');
    assertFileName(fileName);
    const owner = await loadVisible(this.store, ctx, entityId);
    const info = await this.blobs.put(`${filePrefix(owner)}${fileName}`, body, {
      contentType: mimeType,
      metadata: {
        mimetype: mimeType,
        version: new Date().toISOString(),
        entity_id: owner.internalId,
        creator_id: ctx.userId,
      },
    });
    return knowledgeFile(info);
  }

  /** The element's files, sorted by name. */
  async list(ctx: AccessContext, entityId: string): Promise<KnowledgeFile[]> {
    const owner = await loadVisible(this.store, ctx, entityId);
    const files: KnowledgeFile[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.blobs.list(filePrefix(owner), { after, limit: LIST_PAGE });
      files.push(...page.map(knowledgeFile));
      if (page.length < LIST_PAGE) {
        return files;
      }
      after = page[page.length - 1]?.key;
    }
  }

  /** Opens a file (its id from `list`/`upload`) when its element is visible; consume the body. */
  async download(ctx: AccessContext, fileId: string): Promise<BlobObject> {
    const { internalId } = fileOwner(fileId);
    const owner = await loadVisible(this.store, ctx, internalId);
    if (!fileId.startsWith(filePrefix(owner))) {
      throw fileMismatch(fileId);
    }
    return this.blobs.get(fileId);
  }

  /** Removes a file of a visible element. */
  async remove(ctx: AccessContext, fileId: string): Promise<void> {
    requireCapability(ctx, 'KNOWLEDGE_KNUPLOAD');
    const { internalId } = fileOwner(fileId);
    const owner = await loadVisible(this.store, ctx, internalId);
    if (!fileId.startsWith(filePrefix(owner))) {
      throw fileMismatch(fileId);
    }
    await this.blobs.delete(fileId);
  }
}

function fileMismatch(fileId: string) {
  return invalidInput('fileId', `${fileId} does not belong to its element's type`);
}
