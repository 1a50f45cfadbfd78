import {
  Controller,
  Get,
  Inject,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AuditService } from '@lib/audit';
import {
  OidcLoginService,
  SamlLoginService,
  SsoError,
  SsoProvidersService,
  TokenAuthService,
  UsersService,
} from '@lib/auth';
import type { ExternalIdentity, SsoProvider, SsoProviderLink } from '@lib/auth';
import { cookieValue } from './cookie.util';
import { startSession } from '../sessions/start-session.util';

/** The browser keeps the id of its OIDC login in progress under this cookie, for /auth only. */
const TRANSACTION_COOKIE = 'threatloom.sso';
const TRANSACTION_MAX_AGE_MS = 10 * 60_000;

/**
 * Single sign-on: `/auth/providers` lists the login buttons; `/auth/<id>` sends the browser to
 * the provider, whose answer comes back to `/auth/<id>/callback` (GET for OIDC, POST for SAML);
 * `/auth/<id>/metadata` is a SAML provider's service provider metadata.
 */
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class SsoController {
  private readonly logger = new Logger(SsoController.name);

  constructor(
    @Inject(SsoProvidersService) private readonly providers: SsoProvidersService,
    @Inject(OidcLoginService) private readonly oidc: OidcLoginService,
    @Inject(SamlLoginService) private readonly saml: SamlLoginService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(TokenAuthService) private readonly tokens: TokenAuthService,
  ) {}

  @Get('providers')
  list(): SsoProviderLink[] {
    return this.providers.links();
  }

  @Get(':id')
  async login(
    @Param('id') id: string,
    @Query('redirect') redirect: unknown,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, id, undefined, async () => {
      const provider = this.providers.get(id);
      if (provider.type === 'saml') {
        res.redirect(302, await this.saml.begin(provider, redirect));
        return;
      }
      const { url, transaction } = await this.oidc.begin(provider, redirect);
      res.cookie(TRANSACTION_COOKIE, transaction, {
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET navigation, which carries it.
        sameSite: 'lax',
        secure: provider.callbackUrl.startsWith('https:'),
        path: '/auth',
        maxAge: TRANSACTION_MAX_AGE_MS,
      });
      res.redirect(302, url);
    });
  }

  @Get(':id/callback')
  async oidcCallback(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, id, req, async () => {
      const provider = this.typed(id, 'oidc');
      res.clearCookie(TRANSACTION_COOKIE, { path: '/auth' });
      const query = req.originalUrl.includes('?') ? req.originalUrl.split('?')[1] : '';
      const transaction = cookieValue(req.headers.cookie, TRANSACTION_COOKIE);
      const { identity, redirect } = await this.oidc.complete(provider, transaction, query ?? '');
      await this.signIn(req, identity);
      res.redirect(302, redirect);
    });
  }

  @Post(':id/callback')
  async samlCallback(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.answer(res, id, req, async () => {
      const provider = this.typed(id, 'saml');
      const form = (req.body ?? {}) as Record<string, unknown>;
      const { identity, redirect } = await this.saml.complete(provider, form);
      await this.signIn(req, identity);
      res.redirect(302, redirect);
    });
  }

  @Get(':id/metadata')
  async metadata(@Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.answer(res, id, undefined, async () => {
      const provider = this.typed(id, 'saml');
      res.type('application/samlmetadata+xml').send(await this.saml.metadata(provider));
    });
  }

  private typed<T extends SsoProvider['type']>(
    id: string,
    type: T,
  ): Extract<SsoProvider, { type: T }> {
    const provider = this.providers.get(id);
    if (provider.type !== type) {
      throw new SsoError('SSO_UNKNOWN_PROVIDER', `No ${type.toUpperCase()} provider "${id}"`);
    }
    return provider as Extract<SsoProvider, { type: T }>;
  }

  /** The user the provider vouches for, provisioned; a disabled account gets no session. */
  private async signIn(req: Request, identity: ExternalIdentity): Promise<void> {
    const userId = await this.users.provisionExternal(identity);
    if (!(await this.tokens.contextForUser(userId))) {
      throw new SsoError(
        'SSO_ACCOUNT_DISABLED',
        `The account ${identity.email} is disabled`,
        undefined,
        identity.email,
      );
    }
    await startSession(req, userId);
    this.audit.recordLogin({
      userId,
      email: identity.email,
      provider: identity.provider,
      status: 'success',
      ...(req.ip ? { remoteAddress: req.ip } : {}),
    });
  }

  /**
   * Runs a handler; a login that failed answers its status with a message, never a trace, and a
   * callback refused (`req` given) is audited as a failed login.
   */
  private async answer(
    res: Response,
    provider: string,
    req: Request | undefined,
    handler: () => Promise<void>,
  ): Promise<void> {
    try {
      await handler();
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      this.logger.warn(`Single sign-on with ${provider} failed: ${error.code}: ${error.message}`);
      if (req && error.code !== 'SSO_UNKNOWN_PROVIDER') {
        this.audit.recordLogin({
          email: error.email ?? '',
          provider,
          status: 'error',
          reason: error.message,
          ...(req.ip ? { remoteAddress: req.ip } : {}),
        });
      }
      res.status(statusOf(error)).json({ error: error.code, message: error.message });
    }
  }
}

function statusOf(error: SsoError): number {
  if (error.code === 'SSO_UNKNOWN_PROVIDER') return 404;
  return error.code === 'SSO_PROVIDER_UNAVAILABLE' ? 503 : 401;
}
