export type WorkStatus = 'wait' | 'progress' | 'complete' | 'timeout';

export type WorkError = {
  timestamp: string;
  message: string;
  /** What failed: object index, STIX id and type, field. */
  source: string;
  sequence?: number;
};

/** Counters of an import (connector-protocol.md §3 plus the outcome of every object). */
export type WorkCounts = {
  expected: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

export type WorkProgress = Partial<WorkCounts> & { errors?: WorkError[] };

export const WORK_ENTITY_TYPE = 'work';
/** OpenCTI keeps the first 100 errors of a work. */
export const MAX_WORK_ERRORS = 100;
