import type { CollectionBase } from '@lib/streams';

export const RETENTION_RULE_ENTITY_TYPE = 'RetentionRule';

export const RETENTION_UNITS = ['minutes', 'hours', 'days'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

/** A knowledge retention rule: what matches its filters and is older than its age goes. */
export type RetentionRule = CollectionBase & {
  maxRetention: number;
  unit: RetentionUnit;
  scope: 'knowledge';
  lastExecutionDate: string | null;
  lastDeletedCount: number | null;
  remainingCount: number | null;
};

/** What `retentionRuleAdd` and `retentionRuleCheck` take (OpenCTI's field names). */
export type RetentionRuleInput = {
  name: string;
  filters?: string | null;
  max_retention: number;
  retention_unit?: string | null;
  scope?: string | null;
};

/** One rule's outcome in a run: deleted now, still to delete (older than the age, matching). */
export type RetentionRunResult = { ruleId: string; deleted: number; remaining: number };
