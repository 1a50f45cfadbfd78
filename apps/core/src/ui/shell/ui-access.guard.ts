import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasCapability } from '@lib/rbac';
import type { Capability } from '@lib/rbac';
import { ANONYMOUS, AUTHENTICATED, CAPABILITIES_KEY } from '../../auth/capabilities.decorator';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { UiForbidden, UiSignInRequired } from './ui-errors';

/**
 * Every UI route declares what it needs, as resolvers do (`@Authenticated()`,
 * `@RequireCapabilities(...)`, `@Anonymous()`); a route declaring nothing is refused. The caller was
 * authenticated by the middleware (session cookie, or a token for scripted use).
 */
@Injectable()
export class UiAccessGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(CAPABILITIES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!required) throw new UiForbidden('this page (it declares no capability)');
    if (required.includes(ANONYMOUS)) return true;
    const ctx = req.accessContext;
    if (!ctx) throw new UiSignInRequired(req.originalUrl);
    if (
      required.includes(AUTHENTICATED) ||
      required.some((c) => hasCapability(ctx, c as Capability))
    ) {
      return true;
    }
    throw new UiForbidden('this page');
  }
}
