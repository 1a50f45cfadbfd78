import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TokenAuthService } from '@lib/auth';
import type { AccessContext } from '@lib/rbac';
import { FeedCollectionsService, FeedService } from '@lib/sharing';
import { RequestAuthenticator } from '../auth/request-authenticator.service';

/**
 * `GET /feeds/<id>`: a pull feed as CSV, plain text or JSON, for SIEMs and firewalls. The token
 * goes in the Authorization header (Bearer, or Basic; a browser's session also works) or, for
 * tools that cannot set headers, in
 * `?token=`; a public feed is readable anonymously with its creator's rights.
 */
@Controller('feeds')
export class FeedController {
  constructor(
    @Inject(TokenAuthService) private readonly auth: TokenAuthService,
    @Inject(RequestAuthenticator) private readonly requests: RequestAuthenticator,
    @Inject(FeedCollectionsService) private readonly feeds: FeedCollectionsService,
    @Inject(FeedService) private readonly render: FeedService,
  ) {}

  @Get(':id')
  async get(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.caller(req);
    const feed = await this.feeds.find(id);
    const reader =
      feed && this.render.canRead(user, feed)
        ? (user ?? (await this.auth.contextForUser(feed.creatorId)))
        : undefined;
    if (!feed || !reader) {
      const status = user ? 404 : 401;
      if (status === 401) res.setHeader('WWW-Authenticate', 'Basic, Bearer');
      res.status(status).json({
        error: status === 401 ? 'AUTH_REQUIRED' : 'NOT_FOUND',
        message: status === 401 ? 'Authentication required' : `No feed ${id}`,
      });
      return;
    }
    const { contentType, body } = await this.render.render(reader, feed);
    res.status(200).setHeader('Content-Type', contentType);
    res.send(body);
  }

  private async caller(req: Request): Promise<AccessContext | undefined> {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    if (token) return this.auth.contextForToken(token);
    return this.requests.authenticate(req);
  }
}
