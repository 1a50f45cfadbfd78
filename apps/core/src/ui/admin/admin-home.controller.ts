import { Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Authenticated } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { UiController } from '../shell/ui-controller.decorator';
import { UiForbidden } from '../shell/ui-errors';
import { viewerOf } from '../shell/viewer.util';
import { adminTabsFor } from './admin-sections.constants';

/** `/admin`: the first section the viewer may open (403 when he may open none). */
@UiController('admin')
export class AdminHomeController {
  @Get()
  @Authenticated()
  home(@Req() req: AuthenticatedRequest, @Res() res: Response): void {
    const [first] = adminTabsFor(viewerOf(req));
    if (!first) throw new UiForbidden('the admin console');
    res.redirect(303, first.href);
  }
}
