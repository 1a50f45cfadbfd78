import { Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { WorkPage } from './import.page';
import { IoWorks } from './io-works.service';
import { WorksProgress } from './work-status';

const statusHref = (id: string) => `/data/works/${encodeURIComponent(id)}/status`;

/** `/data/works/<id>`: an import, export or draft validation of the viewer, while it runs. */
@UiController('data/works')
export class WorkController {
  constructor(
    @Inject(IoWorks) private readonly io: IoWorks,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Get(':id')
  @RequireCapabilities('KNOWLEDGE')
  async page(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const work = await this.io.work(ctx, id);
    await sendHtml(
      res,
      WorkPage({ chrome: this.chrome.of(req, res, ctx), work, statusHref: statusHref(id) }),
    );
  }

  /** The polling fragment: polls on while the work runs. */
  @Get(':id/status')
  @RequireCapabilities('KNOWLEDGE')
  async status(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const work = await this.io.work(viewerOf(req), id);
    await sendHtml(res, WorksProgress({ href: statusHref(id), works: [work] }));
  }
}
