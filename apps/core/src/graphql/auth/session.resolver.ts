import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import type { Response } from 'express';
import { AuditService } from '@lib/audit';
import { AuditedLogin } from '../../auth/login/audited-login.service';
import { Anonymous, Authenticated } from '../../auth/capabilities.decorator';
import type { GraphqlContext } from '../../auth/request-context.types';
import { endSession } from '../../auth/sessions/end-session.util';
import { UserLoginInput } from './user-login.input';

/**
 * OpenCTI's login mutations: `token` trades an email and password (through the login's lockout)
 * for the user's API token; `logout` ends the caller's session and answers the user's id.
 */
@Resolver()
export class SessionResolver {
  constructor(
    @Inject(AuditedLogin) private readonly logins: AuditedLogin,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  @Anonymous()
  @Mutation(() => String, { nullable: true })
  async token(
    @Context() { req }: GraphqlContext,
    @Args('input', { type: () => UserLoginInput, nullable: true }) input?: UserLoginInput,
  ): Promise<string | null> {
    const login = await this.logins.login(input?.email ?? '', input?.password ?? '', {
      provider: 'token',
      remoteAddress: req.ip,
      recordSuccess: true,
    });
    return login.apiToken ?? null;
  }

  @Authenticated()
  @Mutation(() => ID, { nullable: true })
  async logout(@Context() { req }: GraphqlContext): Promise<string | null> {
    const userId = req.accessContext?.userId ?? null;
    if (req.accessContext) this.audit.recordLogout(req.accessContext, req.ip);
    await endSession(req, req.res as Response);
    return userId;
  }
}
