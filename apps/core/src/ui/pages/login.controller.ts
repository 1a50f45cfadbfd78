import { Body, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { UiController } from '../shell/ui-controller.decorator';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { LoginRefusedError, SsoProvidersService } from '@lib/auth';
import { Anonymous } from '../../auth/capabilities.decorator';
import { AuditedLogin } from '../../auth/login/audited-login.service';
import { sameSitePath } from '../../auth/login/same-site-path.util';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { startSession } from '../../auth/sessions/start-session.util';
import { sendHtml } from '../shell/html-response.util';
import { UiChrome, themeOf } from '../shell/ui-chrome.service';
import { LoginPage } from './login.page';

const HOME = '/dashboard';
const MAX_FIELD = 4096;

type LoginForm = { email?: unknown; password?: unknown; redirect?: unknown };

/** `/login`: the sign-in page and its form post; `/` sends to the dashboard or to sign in. */
@UiController()
export class LoginController {
  constructor(
    @Inject(UiChrome) private readonly chrome: UiChrome,
    @Inject(AuditedLogin) private readonly logins: AuditedLogin,
    @Inject(SsoProvidersService) private readonly sso: SsoProvidersService,
  ) {}

  @Get()
  @Anonymous()
  home(@Req() req: AuthenticatedRequest, @Res() res: Response): void {
    res.redirect(303, req.accessContext ? HOME : '/login');
  }

  @Get('login')
  @Anonymous()
  async page(
    @Req() req: AuthenticatedRequest,
    @Res() res: Response,
    @Query('redirect') redirect?: string,
  ): Promise<void> {
    const target = sameSitePath(redirect) ?? HOME;
    if (req.accessContext?.kind === 'user') {
      res.redirect(303, target);
      return;
    }
    await this.render(req, res, target);
  }

  @Post('login')
  @Anonymous()
  @UseGuards(ThrottlerGuard)
  async login(@Req() req: Request, @Res() res: Response, @Body() form: LoginForm): Promise<void> {
    const target = sameSitePath(form.redirect) ?? HOME;
    const email = typeof form.email === 'string' ? form.email.trim().slice(0, MAX_FIELD) : '';
    const password = typeof form.password === 'string' ? form.password.slice(0, MAX_FIELD) : '';
    if (!email || !password) {
      await this.render(req, res, target, 'Enter your email and your password.', email, 400);
      return;
    }
    try {
      const login = await this.logins.login(email, password, {
        provider: 'local',
        remoteAddress: req.ip,
        recordSuccess: true,
      });
      await startSession(req, login.userId);
      res.redirect(303, target);
    } catch (error) {
      if (!(error instanceof LoginRefusedError)) throw error;
      const message =
        error.code === 'LOGIN_LOCKED'
          ? 'Too many failed attempts: this account is locked for a while. Try again later.'
          : 'Wrong email or password.';
      await this.render(req, res, target, message, email, 401);
    }
  }

  private render(
    req: Request,
    res: Response,
    redirect: string,
    error?: string,
    email?: string,
    status = 200,
  ): Promise<void> {
    return sendHtml(
      res,
      LoginPage({
        assets: this.chrome.assets,
        theme: themeOf(req),
        csrfToken: this.chrome.token(req, res),
        redirect,
        error,
        email,
        sso: this.sso.links().map((p) => ({ label: p.label, url: p.url })),
      }),
      status,
    );
  }
}
