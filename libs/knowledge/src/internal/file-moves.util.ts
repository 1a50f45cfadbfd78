import type { BlobStore } from '@lib/blob-store';
import type { StoredElement } from '@lib/entity-store';
import { exportPrefix, filePrefix } from './file-keys.util';

type Owner = Pick<StoredElement, 'entityType' | 'internalId'>;

/**
 * Moves every file of `from` to `to` (merge, data-model.md §3.8); a name the target already has
 * is kept apart by prefixing the source's internal id. Copy first, then delete: an interruption
 * leaves a duplicate, never a loss.
 */
export async function moveFiles(blobs: BlobStore, from: Owner, to: Owner): Promise<number> {
  let moved = 0;
  for (const folder of [filePrefix, exportPrefix]) {
    moved += await moveFolder(blobs, folder(from), folder(to), from.internalId, to.internalId);
  }
  return moved;
}

async function moveFolder(
  blobs: BlobStore,
  fromPrefix: string,
  toPrefix: string,
  fromId: string,
  toId: string,
): Promise<number> {
  const files = await blobs.list(fromPrefix);
  for (const file of files) {
    const name = file.key.slice(fromPrefix.length);
    let key = `${toPrefix}${name}`;
    if (await blobs.stat(key)) {
      key = `${toPrefix}${fromId}-${name}`;
    }
    const source = await blobs.get(file.key);
    await blobs.put(key, source.body, {
      contentType: file.contentType,
      metadata: { ...file.metadata, entity_id: toId },
    });
    await blobs.delete(file.key);
  }
  return files.length;
}
