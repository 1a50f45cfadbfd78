import type { BlobStore } from '@lib/blob-store';
import type { StoredElement } from '@lib/entity-store';
import { filePrefix } from './file-keys.util';

type Owner = Pick<StoredElement, 'entityType' | 'internalId'>;

/**
 * Moves every file of `from` to `to` (merge, data-model.md §3.8); a name the target already has
 * is kept apart by prefixing the source's internal id. Copy first, then delete: an interruption
 * leaves a duplicate, never a loss.
 */
export async function moveFiles(blobs: BlobStore, from: Owner, to: Owner): Promise<number> {
  const files = await blobs.list(filePrefix(from));
  for (const file of files) {
    const name = file.key.slice(filePrefix(from).length);
    let key = `${filePrefix(to)}${name}`;
    if (await blobs.stat(key)) {
      key = `${filePrefix(to)}${from.internalId}-${name}`;
    }
    const source = await blobs.get(file.key);
    await blobs.put(key, source.body, {
      contentType: file.contentType,
      metadata: { ...file.metadata, entity_id: to.internalId },
    });
    await blobs.delete(file.key);
  }
  return files.length;
}
