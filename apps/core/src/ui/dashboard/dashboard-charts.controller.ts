import { Get, Inject, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { DashboardChartsService } from './dashboard-charts.service';

/** `/dashboard/charts.json`: the dashboard's chart figures, fetched by its `charts` module. */
@UiController('dashboard')
export class DashboardChartsController {
  constructor(@Inject(DashboardChartsService) private readonly charts: DashboardChartsService) {}

  @Get('charts.json')
  @RequireCapabilities('KNOWLEDGE')
  async json(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    const ctx = viewerOf(req);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await this.charts.charts(ctx));
  }
}
