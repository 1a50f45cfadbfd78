import type { WorkCounts } from '@lib/works';

/** An import or export connector an analyst may pick. */
export type ConnectorChoice = { id: string; name: string; scope: readonly string[] };

/** A work as the import/export pages show it. */
export type WorkView = {
  id: string;
  name: string;
  status: string;
  /** Complete (or timed out): nothing more will happen. */
  done: boolean;
  kind: 'import' | 'export';
  counts: WorkCounts;
  errors: readonly string[];
  messages: readonly string[];
  /** The draft an import staged its objects in, for review. */
  draftId?: string | undefined;
  /** The exported file's id (storage route), once pushed and readable by the viewer. */
  download?: string | undefined;
  updatedAt: string;
};

/** Mime type → what the analyst reads. */
export const FORMAT_LABELS: Record<string, string> = {
  'application/json': 'STIX 2.1 bundle (JSON)',
  'application/stix+json': 'STIX 2.1 bundle (JSON)',
  'text/csv': 'CSV',
  'text/plain': 'Plain text (IOC list)',
  'application/pdf': 'PDF',
};

export const formatLabel = (mime: string): string => FORMAT_LABELS[mime] ?? mime;
