import { Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import { AppError } from '@lib/kernel';
import type { AccessContext } from '@lib/rbac';
import { UiAssets, elementHref } from '@lib/ui';
import { isTypeOf } from '@lib/stix';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ElementRows } from '../knowledge/element-rows.service';
import { EntityFrame } from '../pages/entity.page';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { UiNotFound } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { GraphData } from './graph-data.service';
import { GraphQueryError, readGraphQuery } from './graph-query.util';
import { GraphView } from './graph.page';

/** An element's Graph tab (`/entity/<id>/graph`) and the JSON it pages (`…/graph.json`). */
@UiController('entity')
export class GraphController {
  constructor(
    @Inject(EntityStore) private readonly store: EntityStore,
    @Inject(GraphData) private readonly graph: GraphData,
    @Inject(ElementRows) private readonly rows: ElementRows,
    @Inject(UiChrome) private readonly chrome: UiChrome,
    @Inject(UiAssets) private readonly assets: UiAssets,
  ) {}

  @Get(':id/graph')
  @RequireCapabilities('KNOWLEDGE')
  async view(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const element = await this.element(ctx, id);
    if (!element) throw new UiNotFound(`The element ${id}`);
    const [row] = await this.rows.of(ctx, [element]);
    await sendHtml(
      res,
      EntityFrame({
        chrome: this.chrome.of(req, res, ctx),
        row: row!,
        tab: 'graph',
        children: GraphView({
          source: `${elementHref(element.internalId)}/graph.json`,
          worker: this.assets.url('graph-layout.js'),
          container: isTypeOf(element.entityType, 'Container'),
        }),
      }),
    );
  }

  @Get(':id/graph.json')
  @RequireCapabilities('KNOWLEDGE')
  async json(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<void> {
    const ctx = viewerOf(req);
    res.setHeader('Cache-Control', 'no-store');
    try {
      const graphQuery = readGraphQuery(query);
      const element = await this.element(ctx, id);
      if (!element) {
        res.status(404).json({ error: `The element ${id} was not found` });
        return;
      }
      res.json(await this.graph.page(ctx, element, graphQuery));
    } catch (error) {
      const refused =
        error instanceof GraphQueryError ||
        (error instanceof AppError && error.category === 'validation');
      if (!refused) throw error;
      res.status(400).json({ error: error.message });
    }
  }

  /** The element by internal id, else by standard or STIX id; visible Stix-Core-Objects only. */
  private async element(ctx: AccessContext, id: string): Promise<StoredElement | undefined> {
    const found =
      (await this.store.get(ctx, id)) ?? (await this.store.resolve(ctx, [id])).get(id)?.[0];
    return found && isTypeOf(found.entityType, 'Stix-Core-Object') ? found : undefined;
  }
}
