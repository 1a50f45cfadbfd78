import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { AuditService } from '@lib/audit';
import { ApplicantRefusedError } from '@lib/auth';
import { hasCapability } from '@lib/rbac';
import type { AccessContext, Capability } from '@lib/rbac';
import { ANONYMOUS, AUTHENTICATED, CAPABILITIES_KEY } from './capabilities.decorator';
import { RequestAuthenticator } from './request-authenticator.service';
import type { GraphqlContext } from './request-context.types';

/** The request's caller (session, token, applicant) on the request, then the operation's check. */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(RequestAuthenticator) private readonly auth: RequestAuthenticator,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') {
      return true;
    }
    const required = this.reflector.getAllAndOverride<string[] | undefined>(CAPABILITIES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) {
      throw new GraphQLError('This operation declares no capability', {
        extensions: { code: 'FORBIDDEN' },
      });
    }
    const { req } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    req.accessContext ??= await this.caller(req);
    const ctx = req.accessContext;
    if (required.includes(ANONYMOUS)) {
      return true;
    }
    if (!ctx) {
      throw new GraphQLError('You must be logged in to do this.', {
        extensions: { code: 'AUTH_REQUIRED' },
      });
    }
    if (
      required.includes(AUTHENTICATED) ||
      required.some((c) => hasCapability(ctx, c as Capability))
    ) {
      return true;
    }
    const operation = GqlExecutionContext.create(context).getInfo<{ fieldName: string }>();
    this.audit.recordDenied(ctx, operation.fieldName, req.ip);
    throw new GraphQLError('You are not allowed to do this.', {
      extensions: { code: 'FORBIDDEN' },
    });
  }

  private async caller(req: GraphqlContext['req']): Promise<AccessContext | undefined> {
    try {
      return await this.auth.authenticate(req);
    } catch (error) {
      if (!(error instanceof ApplicantRefusedError)) throw error;
      throw new GraphQLError(error.message, {
        extensions: { code: 'FORBIDDEN', reason: error.code, http: { status: 403 } },
      });
    }
  }
}
