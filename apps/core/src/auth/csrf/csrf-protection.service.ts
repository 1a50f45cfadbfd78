import { Inject, Injectable } from '@nestjs/common';
import type { OnModuleInit } from '@nestjs/common';
import { doubleCsrf } from 'csrf-csrf';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { AUTH_CONFIG } from '@lib/config';
import type { AuthConfig } from '@lib/config';
import { SessionSecretService } from '../sessions/session-secret.service';
import '../sessions/session-data.types';

const SSO_CALLBACK = /^\/auth\/[^/]+\/callback$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';
/** The form field a server-rendered form carries its token in. */
export const CSRF_FIELD = '_csrf';

function cookiesOf(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      // A cookie that is not valid percent-encoding is taken as it is (csrf-csrf compares text).
      cookies[name] = value;
    }
  }
  return cookies;
}

const isMultipart = (req: Request) =>
  /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

/**
 * A multipart form's token, in its action's query string: its body (the file) is parsed by the
 * route after this check, so the `_csrf` field cannot be read here. The token is checked all the
 * same (against its cookie and the session); only where it travels differs.
 */
function queryToken(req: Request): string | undefined {
  const query = req.originalUrl.split('?')[1];
  if (query === undefined) return undefined;
  const tokens = new URLSearchParams(query).getAll(CSRF_FIELD);
  return tokens.length === 1 ? tokens[0] : undefined;
}

const isJson = (req: Request) =>
  /^application\/([\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');

/**
 * Double-submit CSRF tokens (csrf-csrf) for the UI's form posts. A state-changing request needs a
 * token when the browser authenticates it by itself: a session cookie without an Authorization
 * header (GraphQL is left to Apollo's csrfPrevention, which refuses simple requests), or a login
 * form post (a cross-site page cannot send JSON without a preflight, but can post a form).
 * Tokens of a signed-in user are bound to the session; a login form's token to no session.
 */
@Injectable()
export class CsrfProtection implements OnModuleInit {
  private utils: DoubleCsrfUtilities | undefined;

  constructor(
    @Inject(SessionSecretService) private readonly secrets: SessionSecretService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const secret = await this.secrets.derived('csrf');
    this.utils = doubleCsrf({
      getSecret: () => secret,
      getSessionIdentifier: (req) => (req.session?.userId ? req.sessionID : ''),
      // The __Host- prefix needs a secure cookie; plain HTTP (development) uses a plain name.
      cookieName: this.config.cookieSecure ? '__Host-threatloom.csrf' : 'threatloom.csrf',
      cookieOptions: {
        sameSite: 'strict',
        path: '/',
        secure: this.config.cookieSecure,
        httpOnly: true,
      },
      getCsrfTokenFromRequest: (req) => {
        const header = req.headers[CSRF_HEADER];
        if (typeof header === 'string') return header;
        const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
        if (typeof field === 'string') return field;
        return isMultipart(req) ? queryToken(req) : undefined;
      },
    });
  }

  /** The token (and its cookie) for the state-changing requests of this client. */
  token(req: Request, res: Response): string {
    this.withCookies(req);
    // One token per session while it stays valid: pages navigated by hx-boost keep the first
    // page's <meta name="csrf-token"> (htmx swaps the body only), so a new token per page would
    // leave that one stale.
    return this.ready().generateCsrfToken(req, res, { overwrite: false });
  }

  /** Express middleware: refuses (403) a request that needs a token and has no valid one. */
  readonly check = (req: Request, res: Response, next: NextFunction): void => {
    if (!this.needsToken(req)) {
      next();
      return;
    }
    this.withCookies(req);
    if (this.ready().validateRequest(req)) {
      next();
      return;
    }
    res.status(403).json({
      error: 'CSRF_TOKEN_INVALID',
      message: `This request needs the CSRF token of GET /auth/csrf in the ${CSRF_HEADER} header or the ${CSRF_FIELD} field (in the query string for a multipart form)`,
    });
  };

  private needsToken(req: Request): boolean {
    // The original URL: inside a mounted middleware, req.path is relative to the mount point.
    const path = req.originalUrl.split('?')[0] ?? '';
    if (SAFE_METHODS.has(req.method) || path === '/graphql' || path.startsWith('/graphql/')) {
      return false;
    }
    if (req.headers.authorization) return false;
    // A SAML response POSTed back by the IdP (/auth/<id>/callback) is its own proof: a signed
    // assertion answering a request this platform made, each usable once. An IdP on the same site
    // gets the session cookie sent along, and has no CSRF token to send.
    if (SSO_CALLBACK.test(path)) return false;
    return (
      Boolean(req.session?.userId) ||
      ((path === '/auth/login' || path === '/login') && !isJson(req))
    );
  }

  private withCookies(req: Request): void {
    (req as Request & { cookies?: Record<string, string> }).cookies ??= cookiesOf(req);
  }

  private ready(): DoubleCsrfUtilities {
    if (!this.utils) throw new Error('CsrfProtection used before module init');
    return this.utils;
  }
}
