import { Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { SessionRegistry, UsersService } from '@lib/auth';
import { textOf } from '@lib/kernel';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { ACCESS_ADMIN } from '../../graphql/access/access-admin.constants';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome } from '../shell/ui-chrome.service';
import { UiController } from '../shell/ui-controller.decorator';
import { viewerOf } from '../shell/viewer.util';
import { recordConsoleChange, targetOf } from './admin-audit.util';
import { nameOf } from './admin-lookups.service';
import { adminShell } from './admin-shell.util';
import { TokenShownPage } from './user-access';

const userHref = (id: string, notice: string) =>
  `/admin/users/${encodeURIComponent(id)}?notice=${notice}`;

/**
 * A user's API token and sessions, from his admin page: rotate the token (the service of
 * `userEdit.tokenRenew`; the new one shown once), end one or all of his sessions (the session
 * registry's). Each change is audit-logged like the console's other changes.
 */
@UiController('admin/users')
export class AdminUserAccessController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UiChrome) private readonly chrome: UiChrome,
  ) {}

  @Post(':id/token')
  @RequireCapabilities(ACCESS_ADMIN)
  async rotate(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const user = await this.users.require(id);
    const rotated = await this.users.rotateToken(user.internalId);
    recordConsoleChange(this.audit, ctx, 'update', targetOf(user), { token_renewed: true });
    // Answered directly (no redirect): the token is in this answer only, never stored for later.
    await sendHtml(
      res,
      TokenShownPage({
        ...adminShell(req, res, this.chrome),
        userId: user.internalId,
        userName: nameOf(user),
        token: textOf(rotated.attributes.api_token) ?? '',
      }),
    );
  }

  @Post(':id/sessions/end')
  @RequireCapabilities(ACCESS_ADMIN)
  async endAll(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const user = await this.users.require(id);
    const count = await this.sessions.dropSessionsOf(user.internalId);
    recordConsoleChange(this.audit, ctx, 'update', targetOf(user), {
      sessions_ended: 'all',
      count,
    });
    res.redirect(303, userHref(user.internalId, 'sessions-ended'));
  }

  @Post(':id/sessions/:session/end')
  @RequireCapabilities(ACCESS_ADMIN)
  async endOne(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Param('id') id: string,
    @Param('session') session: string,
  ): Promise<void> {
    const ctx = viewerOf(req);
    const user = await this.users.require(id);
    const ended = await this.sessions.destroyListed(user.internalId, session.slice(0, 64));
    if (ended) {
      recordConsoleChange(this.audit, ctx, 'update', targetOf(user), {
        sessions_ended: [session],
      });
    }
    res.redirect(303, userHref(user.internalId, ended ? 'session-ended' : 'no-session'));
  }
}
