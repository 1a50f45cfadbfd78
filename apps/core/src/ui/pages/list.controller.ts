import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { SearchIndex, listOrder } from '@lib/search-index';
import { hasCapability } from '@lib/rbac';
import { AREAS, findList } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { IoWorks } from '../io/io-works.service';
import { createHrefOf } from '../knowledge/creatable-types.util';
import { FormOptions } from '../knowledge/form-options.service';
import { compileListFilters, readListFilters } from '../knowledge/list-filters.util';
import { readListQuery } from '../knowledge/list-query.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { ListPage } from './list.page';

const LIST_PATHS = AREAS.flatMap((area) => area.lists.map((l) => `${area.slug}/${l.slug}`));
const ORDER_FIELDS: Record<string, string> = { created: 'created', updated_at: 'updated_at' };

/** The lists of every area (/threats/intrusion-sets…), through the search the API uses. */
@UiController()
export class ListController {
  constructor(
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
    @Inject(IoWorks) private readonly io: IoWorks,
    @Inject(FormOptions) private readonly options: FormOptions,
  ) {}

  @Get(LIST_PATHS)
  @RequireCapabilities('KNOWLEDGE')
  async list(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query() raw: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const [, areaSlug = '', listSlug = ''] = req.path.split('/');
    const found = findList(areaSlug, listSlug);
    if (!found) throw new UiNotFound(`The list ${req.path}`);
    const query = readListQuery(raw);
    const filters = readListFilters(raw);
    const filterGroup = compileListFilters(filters);
    // The page, the filter choices and the export formats do not depend on each other.
    const [page, choices, exportFormats] = await Promise.all([
      this.index.search(ctx, {
        types: found.list.types,
        first: query.first,
        ...(filterGroup ? { filters: filterGroup } : {}),
        ...(query.search ? { search: query.search } : {}),
        ...(query.after ? { after: query.after } : {}),
        // Words searched without a sort asked for: the best matches first.
        ...listOrder(
          query.sort
            ? { orderBy: ORDER_FIELDS[query.sort] ?? query.sort, orderMode: query.order }
            : { search: query.search },
        ),
      }),
      this.options.all(ctx),
      this.io.exportFormats(ctx),
    ]);
    await sendHtml(
      res,
      ListPage({
        chrome: this.chrome.of(req, res, ctx),
        area: found.area,
        list: found.list,
        query,
        filters,
        choices,
        abilities: {
          createTypes: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE')
            ? found.list.types.filter((t) => createHrefOf(t) !== undefined)
            : [],
          update: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE'),
          delete: hasCapability(ctx, 'KNOWLEDGE_KNUPDATE_KNDELETE'),
        },
        rows: await this.rows.of(ctx, page.items),
        pageInfo: page.pageInfo,
        exportFormats,
      }),
    );
  }
}
