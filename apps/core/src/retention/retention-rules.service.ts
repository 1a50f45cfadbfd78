import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { CollectionElements, collectionBase } from '@lib/streams';
import { RETENTION_RULE_EDITABLE, retentionRuleAttributes } from './retention-rule-fields.util';
import { RETENTION_RULE_ENTITY_TYPE, RETENTION_UNITS } from './retention-rule.types';
import type { RetentionRule, RetentionRuleInput, RetentionRunResult } from './retention-rule.types';

const countOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function ruleOf(element: StoredElement): RetentionRule {
  const a = element.attributes;
  return {
    ...collectionBase(element),
    maxRetention: typeof a.max_retention === 'number' ? a.max_retention : 0,
    unit: RETENTION_UNITS.find((u) => u === a.retention_unit) ?? 'days',
    scope: 'knowledge',
    lastExecutionDate: typeof a.last_execution_date === 'string' ? a.last_execution_date : null,
    lastDeletedCount: countOf(a.last_deleted_count),
    remainingCount: countOf(a.remaining_count),
  };
}

const KIND = { entityType: RETENTION_RULE_ENTITY_TYPE, label: 'retention rule', view: ruleOf };

/** The knowledge retention rules, stored as internal elements like the sharing collections. */
@Injectable()
export class RetentionRulesService {
  private readonly elements: CollectionElements<RetentionRule>;
  // The run's own fields: written by the job only, never through `fieldPatch`.
  private readonly runs: CollectionElements<RetentionRule>;

  constructor(@Inject(EntityStore) store: EntityStore, @Inject(SearchIndex) index: SearchIndex) {
    this.elements = new CollectionElements(store, index, {
      ...KIND,
      editable: RETENTION_RULE_EDITABLE,
    });
    this.runs = new CollectionElements(store, index, {
      ...KIND,
      editable: {
        last_execution_date: (v) => v[0],
        last_deleted_count: (v) => v[0],
        remaining_count: (v) => v[0],
      },
    });
  }

  /** A rule as `input` would store it, without storing it (bad fields refused). */
  draft(input: RetentionRuleInput): RetentionRule {
    const now = new Date().toISOString();
    return ruleOf({
      internalId: '',
      standardId: '',
      entityType: RETENTION_RULE_ENTITY_TYPE,
      baseType: 'ENTITY',
      stixIds: [],
      aliasIds: [],
      lookupKeys: [],
      attributes: retentionRuleAttributes(input),
      refs: {},
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
  }

  add(ctx: AccessContext, input: RetentionRuleInput): Promise<RetentionRule> {
    return this.elements.add(ctx, retentionRuleAttributes(input));
  }

  find(id: string): Promise<RetentionRule | undefined> {
    return this.elements.find(id);
  }

  list(search?: string | null): Promise<RetentionRule[]> {
    return this.elements.list(search);
  }

  edit(id: string, patches: readonly { key: string; value: unknown[] }[]): Promise<RetentionRule> {
    return this.elements.edit(id, patches);
  }

  delete(id: string): Promise<string> {
    return this.elements.delete(id);
  }

  /** Records a run's outcome on the rule. */
  recordRun(result: RetentionRunResult, at: Date): Promise<RetentionRule> {
    return this.runs.edit(result.ruleId, [
      { key: 'last_execution_date', value: [at.toISOString()] },
      { key: 'last_deleted_count', value: [result.deleted] },
      { key: 'remaining_count', value: [result.remaining] },
    ]);
  }
}
