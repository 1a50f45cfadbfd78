import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { TokenAuthService } from '@lib/auth';
import { hasCapability } from '@lib/rbac';
import type { Capability } from '@lib/rbac';
import { AUTHENTICATED, CAPABILITIES_KEY } from './capabilities.decorator';
import type { GraphqlContext } from './request-context.types';

/** Bearer token → AccessContext on the request, then the operation's capability check. */
@Injectable()
export class GraphqlAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenAuthService) private readonly auth: TokenAuthService,
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
    if (!req.accessContext) {
      const header = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      req.accessContext = match?.[1] ? await this.auth.contextForToken(match[1]) : undefined;
      const userId = req.session?.userId;
      if (!req.accessContext && !match && userId) {
        req.accessContext = await this.auth.contextForUser(userId);
      }
    }
    const ctx = req.accessContext;
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
    throw new GraphQLError('You are not allowed to do this.', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
}
