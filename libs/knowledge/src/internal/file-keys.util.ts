import type { BlobInfo } from '@lib/blob-store';
import type { StoredElement } from '@lib/entity-store';
import { invalidInput } from '../errors/knowledge.error';
import type { KnowledgeFile } from '../knowledge.types';

const ROOT = 'import';

/** `import/<entity_type>/<internal id>/`: where an element's uploaded files live. */
export const filePrefix = (element: Pick<StoredElement, 'entityType' | 'internalId'>): string =>
  `${ROOT}/${element.entityType}/${element.internalId}/`;

export function assertFileName(name: string): void {
  if (
    name.length === 0 ||
    name.length > 255 ||
    name === '.' ||
    name === '..' ||
    /[/\\\0]/.test(name)
  ) {
    throw invalidInput('fileName', 'must be a plain file name (no path, at most 255 characters)');
  }
}

/** The owning element's internal id of a file id, or a validation error. */
export function fileOwner(fileId: string): { internalId: string; name: string } {
  const [root, type, internalId, ...rest] = fileId.split('/');
  const name = rest.join('/');
  if (root !== ROOT || !type || !internalId || rest.length !== 1 || name.length === 0) {
    throw invalidInput('fileId', `${fileId} is not a file id`);
  }
  return { internalId, name };
}

/** A stored blob as pycti's `importFiles` edges read it. */
export function knowledgeFile(info: BlobInfo): KnowledgeFile {
  const name = info.key.slice(info.key.lastIndexOf('/') + 1);
  return {
    id: info.key,
    name,
    size: info.size,
    lastModified: info.lastModified,
    uploadStatus: 'complete',
    metaData: {
      mimetype: info.metadata.mimetype ?? info.contentType,
      version: info.metadata.version ?? info.lastModified,
      entity_id: info.metadata.entity_id ?? '',
    },
  };
}
