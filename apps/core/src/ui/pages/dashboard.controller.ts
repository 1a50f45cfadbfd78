import { Get, Inject, Req, Res } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import { SearchIndex } from '@lib/search-index';
import { isTypeOf } from '@lib/stix';
import { AREAS } from '@lib/ui';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { viewerOf } from '../shell/viewer.util';
import { DashboardPage } from './dashboard.page';
import type { AreaCount } from './dashboard.page';

/** `/dashboard`: counts per list of every area (one store count) and the latest reports. */
@UiController('dashboard')
export class DashboardController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(SearchIndex) private readonly index: SearchIndex,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get()
  @RequireCapabilities('KNOWLEDGE')
  async dashboard(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const ctx = viewerOf(req);
    const [byType, latest] = await Promise.all([
      this.store.countByType(ctx),
      this.index.search(ctx, {
        types: ['Report'],
        first: 10,
        orderBy: 'created',
        orderMode: 'desc',
      }),
    ]);
    const entries = Object.entries(byType);
    const counts: AreaCount[] = AREAS.flatMap((area) =>
      area.lists.map((l) => ({
        area: area.label,
        label: l.label,
        href: `/${area.slug}/${l.slug}`,
        count: entries
          .filter(([type]) => l.types.some((t) => isTypeOf(type, t)))
          .reduce((sum, [, n]) => sum + n, 0),
      })),
    ).filter((c) => c.count > 0);
    const total = entries
      .filter(([type]) => isTypeOf(type, 'Stix-Core-Object'))
      .reduce((sum, [, n]) => sum + n, 0);
    await sendHtml(
      res,
      DashboardPage({
        chrome: this.chrome.of(req, res, ctx),
        counts,
        total,
        latest: await this.rows.of(ctx, latest.items),
      }),
    );
  }
}
