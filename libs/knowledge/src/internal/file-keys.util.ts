import type { BlobInfo } from '@lib/blob-store';
import type { StoredElement } from '@lib/entity-store';
import { invalidInput } from '../errors/knowledge.error';
import type { KnowledgeFile } from '../knowledge.types';

type Owner = Pick<StoredElement, 'entityType' | 'internalId'>;

/** `import/global/`: files uploaded for import, attached to no element (`uploadImport`). */
export const GLOBAL_IMPORT_PREFIX = 'import/global/';

/** `import/<entity_type>/<internal id>/`: where an element's uploaded files live. */
export const filePrefix = (element: Owner): string =>
  `import/${element.entityType}/${element.internalId}/`;

/** `export/<entity_type>/<internal id>/`: the exports of an element (`exportPush`). */
export const exportPrefix = (element: Owner): string =>
  `export/${element.entityType}/${element.internalId}/`;

/** `export/<entity_type>/`: exports of lists of elements of a type. */
export const listExportPrefix = (entityType: string): string => `export/${entityType}/`;

/** Every folder holding files of an element (deleted, moved on merge, with it). */
export const elementPrefixes = (element: Owner): string[] => [
  filePrefix(element),
  exportPrefix(element),
];

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

/** Where a file id points: a global import, or the import or export folder of an element. */
export type FileLocation =
  | { folder: 'global'; name: string }
  | { folder: 'list-export'; entityType: string; name: string }
  | { folder: 'import' | 'export'; entityType: string; internalId: string; name: string };

/** Parses a file id, or throws a validation error naming it. */
export function locateFile(fileId: string): FileLocation {
  const parts = fileId.split('/');
  const name = parts[parts.length - 1] ?? '';
  const valid = name.length > 0 && parts.every((p) => p.length > 0 && p !== '.' && p !== '..');
  if (valid && parts.length === 3 && parts[0] === 'import' && parts[1] === 'global') {
    return { folder: 'global', name };
  }
  if (valid && parts.length === 3 && parts[0] === 'export') {
    return { folder: 'list-export', entityType: parts[1] as string, name };
  }
  if (valid && parts.length === 4 && (parts[0] === 'import' || parts[0] === 'export')) {
    const [folder, entityType, internalId] = parts as ['import' | 'export', string, string];
    return { folder, entityType, internalId, name };
  }
  throw invalidInput('fileId', `${fileId} is not a file id`);
}

/** File metadata values are strings: marking ids are kept as a JSON array. */
export function markingsMetadata(markingIds: readonly string[]): Record<string, string> {
  return markingIds.length > 0 ? { file_markings: JSON.stringify(markingIds) } : {};
}

/** The marking internal ids a stored file carries. */
export function fileMarkingsOf(info: BlobInfo): string[] {
  const raw = info.metadata.file_markings;
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
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
      creator_id: info.metadata.creator_id ?? '',
      file_markings: fileMarkingsOf(info),
    },
  };
}
