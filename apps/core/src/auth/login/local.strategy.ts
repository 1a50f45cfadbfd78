import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import type { Request } from 'express';
import { LoginRefusedError } from '@lib/auth';
import type { LocalLogin } from '@lib/auth';
import { AuditedLogin } from './audited-login.service';

/** passport-local over LocalLoginService: `email` and `password` from a JSON or form body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(@Inject(AuditedLogin) private readonly logins: AuditedLogin) {
    super({
      usernameField: 'email',
      passwordField: 'password',
      session: false,
      passReqToCallback: true,
    });
  }

  async validate(req: Request, email: string, password: string): Promise<LocalLogin> {
    try {
      return await this.logins.login(email, password, {
        provider: 'local',
        remoteAddress: req.ip,
        recordSuccess: true,
      });
    } catch (error) {
      if (!(error instanceof LoginRefusedError)) throw error;
      throw new UnauthorizedException({ error: error.code, message: error.message });
    }
  }
}
