import { BadRequestException, Injectable } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';

/** The local strategy, after a check that the body names an email and a password (else 400). */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest<Request>().body as unknown;
    const fields = (body ?? {}) as Record<string, unknown>;
    if (
      typeof fields.email !== 'string' ||
      typeof fields.password !== 'string' ||
      fields.email === '' ||
      fields.password === '' ||
      fields.email.length > 320 ||
      fields.password.length > 4096
    ) {
      throw new BadRequestException({
        error: 'BAD_LOGIN_REQUEST',
        message: 'A login needs an email and a password (JSON or form body)',
      });
    }
    return super.canActivate(context);
  }
}
