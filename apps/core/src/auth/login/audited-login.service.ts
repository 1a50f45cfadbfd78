import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { LocalLoginService, LoginRefusedError } from '@lib/auth';
import type { LocalLogin } from '@lib/auth';

export type LoginChannel = {
  /** How the password came: the login form, the `token` mutation, HTTP Basic. */
  provider: 'local' | 'token' | 'basic';
  remoteAddress?: string | undefined;
  /** Basic authentication signs in on every request: only its failures are worth an entry. */
  recordSuccess: boolean;
};

/** Local logins with their audit entries (who, from where, and why a refusal). */
@Injectable()
export class AuditedLogin {
  constructor(
    @Inject(LocalLoginService) private readonly logins: LocalLoginService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string, channel: LoginChannel): Promise<LocalLogin> {
    const where = channel.remoteAddress ? { remoteAddress: channel.remoteAddress } : {};
    try {
      const login = await this.logins.login(email, password);
      if (channel.recordSuccess) {
        this.audit.recordLogin({
          userId: login.userId,
          email: login.email,
          provider: channel.provider,
          status: 'success',
          ...where,
        });
      }
      return login;
    } catch (error) {
      if (error instanceof LoginRefusedError) {
        this.audit.recordLogin({
          email,
          provider: channel.provider,
          status: 'error',
          reason: error.code,
          ...where,
        });
      }
      throw error;
    }
  }
}
