import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { SearchIndex } from '@lib/search-index';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { groupInOrder, namedFirst } from '../knowledge/search-order.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { viewerOf } from '../shell/viewer.util';
import { SearchPage } from './search.page';
import type { SearchGroup } from './search.page';

const MAX_RESULTS = 200;

/**
 * `/search?q=`: the knowledge's full-text search, what the words name first, then the best matches,
 * grouped by type (the groups in the order of their best result).
 */
@UiController('search')
export class SearchController {
  constructor(
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('KNOWLEDGE')
  async search(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('q') raw?: unknown,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const q = typeof raw === 'string' ? raw.trim().slice(0, 500) : '';
    const groups: SearchGroup[] = [];
    let total = 0;
    if (q) {
      const page = await this.index.search(ctx, {
        types: ['Stix-Core-Object'],
        search: q,
        first: MAX_RESULTS,
        orderBy: '_score',
        orderMode: 'desc',
      });
      total = page.pageInfo.globalCount;
      const rows = await this.rows.of(ctx, namedFirst(page.items, q));
      for (const typeRows of groupInOrder(rows, (row) => row.entityType)) {
        groups.push({ entityType: typeRows[0]?.entityType ?? '', rows: typeRows });
      }
    }
    await sendHtml(res, SearchPage({ chrome: this.chrome.of(req, res, ctx), q, total, groups }));
  }
}
