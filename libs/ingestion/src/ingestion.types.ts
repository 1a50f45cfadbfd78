import type { AccessContext } from '@lib/rbac';
import type { WorkCounts, WorkError } from '@lib/works';

export type OutcomeCounts = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

export type RejectedObject = {
  /** Position of the object in the work's input (0-based, across bundles). */
  index: number;
  id?: string;
  type?: string;
  /** Property at fault, when one is. */
  field?: string;
  reason: string;
  /** Rejected because an object it links was found nowhere (it may arrive later). */
  missingReference?: boolean;
  /** File or message the object came from. */
  source?: string;
};

export type IngestionProgress = WorkCounts & { workId: string };

/** The end state of a work: totals, per STIX type, every rejection with its reason. */
export type IngestionReport = IngestionProgress & {
  byType: Record<string, OutcomeCounts>;
  rejections: RejectedObject[];
  warnings: number;
  /** Meta objects created from embedded values (labels, external references, kill chain phases). */
  embeddedCreated: number;
  durationMs: number;
};

export type IngestionRunOptions = {
  ctx: AccessContext;
  connectorId: string;
  workName: string;
  /** Merge multiple matches (data-model.md §3.8 `update`); reserved, see the issue note. */
  update?: boolean;
  origin?: Record<string, unknown>;
  /**
   * Full sync (data-model.md §3.8): each incoming object replaces the stored state of the element
   * it matches, removals included, whatever the confidence (platform-to-platform sync).
   */
  synchronized?: boolean;
  onProgress?: (progress: IngestionProgress) => void;
  /**
   * `new` (default) records a work; `none` keeps the counts in memory only (single-object writes
   * of the API, which would otherwise leave one work per call); `{ workId }` continues a work
   * created beforehand (a queued bundle whose work id was returned to its sender) and completes
   * it; `{ workId, followed: true }` reports to a work its sender follows (expectations added
   * before the objects were queued), which the reports complete.
   */
  work?: 'new' | 'none' | { workId: string; followed?: boolean };
};

export type { WorkError };
