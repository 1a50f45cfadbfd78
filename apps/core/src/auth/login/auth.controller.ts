import { Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AuditService } from '@lib/audit';
import { SessionRegistry } from '@lib/auth';
import type { LocalLogin } from '@lib/auth';
import { CsrfProtection } from '../csrf/csrf-protection.service';
import { RequestAuthenticator } from '../request-authenticator.service';
import { endSession } from '../sessions/end-session.util';
import { startSession } from '../sessions/start-session.util';
import { LocalAuthGuard } from './local-auth.guard';
import { sameSitePath } from './same-site-path.util';

type LoginRequest = Request & { user?: LocalLogin };

/**
 * Local login and logout for browsers (rate limited per client address). `POST /auth/login` with
 * a JSON or form body (email, password, optionally `redirect`, a path of this site) starts a
 * session: 200 `{ id, user_email }`, or 303 to `redirect`. Form posts carry the token of
 * `GET /auth/csrf` (also needed by every cookie-authenticated POST).
 */
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  constructor(
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    @Inject(RequestAuthenticator) private readonly auth: RequestAuthenticator,
    @Inject(CsrfProtection) private readonly csrf: CsrfProtection,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Post('login')
  @UseGuards(LocalAuthGuard)
  async login(@Req() req: LoginRequest, @Res() res: Response): Promise<void> {
    const login = req.user as LocalLogin;
    await startSession(req, login.userId);
    this.answer(req, res, { id: login.userId, user_email: login.email });
  }

  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.auth.authenticate(req);
    if (ctx) this.audit.recordLogout(ctx, req.ip);
    await endSession(req, res);
    this.answer(req, res, { message: 'Logged out' });
  }

  /** Ends every session of the caller (this browser's included), wherever they were opened. */
  @Post('logout-all')
  async logoutAll(@Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await this.auth.authenticate(req);
    if (!ctx || ctx.kind !== 'user') {
      res.status(401).json({ error: 'AUTH_REQUIRED', message: 'Authentication required' });
      return;
    }
    const dropped = await this.sessions.dropSessionsOf(ctx.userId);
    this.audit.recordLogout(ctx, req.ip);
    await endSession(req, res);
    this.answer(req, res, { message: 'Logged out everywhere', sessions: dropped });
  }

  @Get('csrf')
  @HttpCode(200)
  token(@Req() req: Request, @Res({ passthrough: true }) res: Response): { token: string } {
    res.setHeader('Cache-Control', 'no-store');
    return { token: this.csrf.token(req, res) };
  }

  private answer(req: Request, res: Response, body: Record<string, unknown>): void {
    const redirect = sameSitePath((req.body as Record<string, unknown> | undefined)?.redirect);
    if (redirect) {
      res.redirect(303, redirect);
      return;
    }
    res.status(200).json(body);
  }
}
