import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { FilterGroup, Page } from '@lib/kernel';
import { AppError } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import { AUDIT_ENTITY_TYPE } from '../audit.types';
import type { AuditEntry } from '../audit.types';
import { entryOfElement } from '../internal/audit-element.util';
import { auditFilters } from '../internal/audit-filters.util';

export type AuditListQuery = {
  first: number;
  after?: string;
  /** `timestamp` (default) or `_score` (with `search`). */
  orderBy?: 'timestamp' | '_score';
  orderMode?: 'asc' | 'desc';
  filters?: FilterGroup;
  search?: string;
};

const PURGE_PAGE = 500;
const MAX_PAGE = 500;

/** The day `days` before `now`: entries recorded before it fall out of a `days`-day retention. */
export function retentionCutoff(days: number, now = new Date()): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/** Reads and purges the audit log. */
@Injectable()
export class AuditLogService {
  private readonly system = systemContext('audit');

  constructor(
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(EntityStore) private readonly store: EntityStore,
  ) {}

  /**
   * One page of entries, newest first by default. The reader's markings apply (an entry about an
   * element carries its markings); organizations do not: the log is one for the platform.
   */
  async list(ctx: AccessContext, query: AuditListQuery): Promise<Page<AuditEntry>> {
    if (query.first < 1 || query.first > MAX_PAGE) {
      throw new AppError({
        code: 'AUDIT_INVALID_PAGE',
        category: 'validation',
        message: `first must be between 1 and ${MAX_PAGE}`,
        details: { first: query.first },
      });
    }
    const reader: AccessContext = { ...ctx, organizations: 'all' };
    const page = await this.index.search(reader, {
      types: [AUDIT_ENTITY_TYPE],
      first: query.first,
      ...(query.after ? { after: query.after } : {}),
      ...(query.filters ? { filters: auditFilters(query.filters) } : {}),
      ...(query.search?.trim() ? { search: query.search.trim() } : {}),
      orderBy: query.orderBy === '_score' ? '_score' : 'created_at',
      orderMode: query.orderMode ?? 'desc',
    });
    return { ...page, items: page.items.map(entryOfElement) };
  }

  /** Deletes every entry recorded before `before`; how many. */
  async purge(before: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const page = await this.index.search(this.system, {
        types: [AUDIT_ENTITY_TYPE],
        filters: {
          mode: 'and',
          filters: [{ key: ['created_at'], values: [before.toISOString()], operator: 'lt' }],
          filterGroups: [],
        },
        first: PURGE_PAGE,
        orderBy: 'created_at',
        orderMode: 'asc',
      });
      if (page.items.length === 0) return purged;
      await this.store.commit({
        upserts: [],
        deletes: page.items.map((e) => ({ internalId: e.internalId, expectedVersion: e.version })),
        events: [],
      });
      purged += page.items.length;
    }
  }
}
