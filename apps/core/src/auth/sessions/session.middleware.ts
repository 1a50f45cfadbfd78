import { Inject, Injectable } from '@nestjs/common';
import type { NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import { SessionRegistry } from '@lib/auth';
import { AUTH_CONFIG } from '@lib/config';
import type { AuthConfig } from '@lib/config';
import { CsrfProtection } from '../csrf/csrf-protection.service';
import { CacheSessionStore } from './cache-session-store.adapter';
import { SessionSecretService } from './session-secret.service';

export const SESSION_COOKIE = 'threatloom.sid';

/**
 * Sessions (express-session over the Cache port) then the CSRF check, on every route of the
 * core role. Cookies are httpOnly, sameSite=lax, secure when configured; a session is stored only
 * once something is put in it (a login), and each request renews it (rolling).
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware, OnModuleInit {
  private handler: RequestHandler | undefined;

  constructor(
    @Inject(SessionSecretService) private readonly secrets: SessionSecretService,
    @Inject(SessionRegistry) private readonly registry: SessionRegistry,
    @Inject(CsrfProtection) private readonly csrf: CsrfProtection,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.handler = session({
      name: SESSION_COOKIE,
      secret: await this.secrets.sessionSecret(),
      store: new CacheSessionStore(this.registry, this.config.sessionMaxAgeMs),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.cookieSecure,
        maxAge: this.config.sessionMaxAgeMs,
        path: '/',
      },
    });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!this.handler) {
      next(new Error('SessionMiddleware used before module init'));
      return;
    }
    this.handler(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      this.csrf.check(req, res, next);
    });
  }
}
