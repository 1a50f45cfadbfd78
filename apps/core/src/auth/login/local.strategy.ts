import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { LocalLoginService, LoginRefusedError } from '@lib/auth';
import type { LocalLogin } from '@lib/auth';

/** passport-local over LocalLoginService: `email` and `password` from a JSON or form body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(@Inject(LocalLoginService) private readonly logins: LocalLoginService) {
    super({ usernameField: 'email', passwordField: 'password', session: false });
  }

  async validate(email: string, password: string): Promise<LocalLogin> {
    try {
      return await this.logins.login(email, password);
    } catch (error) {
      if (!(error instanceof LoginRefusedError)) throw error;
      throw new UnauthorizedException({ error: error.code, message: error.message });
    }
  }
}
