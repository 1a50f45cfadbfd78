import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApplicantRefusedError, LoginRefusedError, TokenAuthService } from '@lib/auth';
import { hasCapability } from '@lib/rbac';
import type { AccessContext } from '@lib/rbac';
import { AuditedLogin } from './login/audited-login.service';
import './sessions/session-data.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const APPLICANT_HEADER = 'opencti-applicant-id';

/**
 * Who makes an HTTP request, for GraphQL and every REST surface alike: the session cookie's user;
 * else `Authorization: Bearer <api token>` or `Basic` (email and password, through the login's
 * lockout, or email and API token). Then `opencti-applicant-id` (data-model.md §4.6): a BYPASS
 * caller acts as the named user (workers attribute imports to the connector's user; an unknown or
 * inactive applicant leaves the caller as it is, as OpenCTI does); anyone else sending it is
 * refused. Computed once per request.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly resolved = new WeakMap<Request, Promise<AccessContext | undefined>>();

  constructor(
    @Inject(TokenAuthService) private readonly tokens: TokenAuthService,
    @Inject(AuditedLogin) private readonly logins: AuditedLogin,
  ) {}

  /** The caller, or undefined when anonymous; throws ApplicantRefusedError. */
  authenticate(req: Request): Promise<AccessContext | undefined> {
    let pending = this.resolved.get(req);
    if (!pending) {
      pending = this.caller(req).then((caller) => this.applicant(req, caller));
      this.resolved.set(req, pending);
    }
    return pending;
  }

  private async caller(req: Request): Promise<AccessContext | undefined> {
    const userId = req.session?.userId;
    if (userId) {
      const ctx = await this.tokens.contextForUser(userId);
      if (ctx) return ctx;
      // The user was disabled or deleted since: the session ends here.
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    }
    return this.fromAuthorization(req.headers.authorization, req.ip);
  }

  private async fromAuthorization(
    header: string | undefined,
    remoteAddress: string | undefined,
  ): Promise<AccessContext | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (bearer) return this.tokens.contextForToken(bearer);
    const basic = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!basic) return undefined;
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const email = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    if (UUID.test(secret)) {
      const ctx = await this.tokens.contextForToken(secret);
      if (ctx) return ctx;
    }
    try {
      return (
        await this.logins.login(email, secret, {
          provider: 'basic',
          remoteAddress,
          recordSuccess: false,
        })
      ).ctx;
    } catch (error) {
      if (error instanceof LoginRefusedError) return undefined;
      throw error;
    }
  }

  private async applicant(
    req: Request,
    caller: AccessContext | undefined,
  ): Promise<AccessContext | undefined> {
    const raw = req.headers[APPLICANT_HEADER];
    const applicantId = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!applicantId || !caller) return caller;
    if (!hasCapability(caller, 'BYPASS')) throw new ApplicantRefusedError();
    if (applicantId === caller.userId) return caller;
    return (await this.tokens.contextForUser(applicantId)) ?? caller;
  }
}
