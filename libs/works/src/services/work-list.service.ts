import { Inject, Injectable } from '@nestjs/common';
import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup, Page } from '@lib/kernel';
import { systemContext } from '@lib/rbac';
import { SearchIndex } from '@lib/search-index';
import type { WorkStatus } from '../work.types';
import { WORK_ENTITY_TYPE } from '../work.types';

export type WorkListQuery = {
  connectorId?: string;
  status?: WorkStatus;
  /** Further filters on work attributes (`connector_id`, `status`, `event_source_id`…). */
  filters?: FilterGroup;
  search?: string;
  first: number;
  after?: string;
  orderBy?: 'timestamp' | 'created_at' | 'updated_at' | 'name';
  orderMode?: 'asc' | 'desc';
};

/** Lists of works (`works(...)`, a connector's works), newest first by default. */
@Injectable()
export class WorkListService {
  private readonly system = systemContext('works');

  constructor(@Inject(SearchIndex) private readonly index: SearchIndex) {}

  async page(query: WorkListQuery): Promise<Page<StoredElement>> {
    const filters: FilterGroup = {
      mode: 'and',
      filters: [
        ...(query.connectorId ? [{ key: ['connector_id'], values: [query.connectorId] }] : []),
        ...(query.status ? [{ key: ['status'], values: [query.status] }] : []),
      ],
      filterGroups: query.filters ? [query.filters] : [],
    };
    const orderBy = query.orderBy ?? 'created_at';
    return this.index.search(this.system, {
      types: [WORK_ENTITY_TYPE],
      filters,
      ...(query.search ? { search: query.search } : {}),
      first: query.first,
      ...(query.after ? { after: query.after } : {}),
      orderBy: orderBy === 'timestamp' ? 'created_at' : orderBy,
      orderMode: query.orderMode ?? 'desc',
    });
  }

  async list(query: WorkListQuery): Promise<StoredElement[]> {
    return (await this.page(query)).items;
  }

  /** Every work matching, page after page (deletions of a connector's works). */
  async all(query: Omit<WorkListQuery, 'first' | 'after'>): Promise<StoredElement[]> {
    const works: StoredElement[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.page({ ...query, first: 1000, ...(after ? { after } : {}) });
      works.push(...page.items);
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return works;
      after = page.pageInfo.endCursor;
    }
  }
}
