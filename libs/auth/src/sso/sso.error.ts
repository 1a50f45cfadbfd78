import { AppError } from '@lib/kernel';

export type SsoErrorCode =
  | 'SSO_UNKNOWN_PROVIDER'
  | 'SSO_NO_TRANSACTION'
  | 'SSO_REJECTED'
  | 'SSO_PROVIDER_ERROR'
  | 'SSO_NO_EMAIL'
  | 'SSO_ACCOUNT_DISABLED'
  | 'SSO_PROVIDER_UNAVAILABLE';

/**
 * A single sign-on that did not complete: the browser gets a 401 with this message. Messages
 * name what failed, never a secret or a token.
 */
export class SsoError extends AppError {
  /** Whose login failed, when the provider said it (audit). */
  readonly email: string | undefined;

  constructor(code: SsoErrorCode, message: string, cause?: unknown, email?: string) {
    super({
      code,
      category: code === 'SSO_PROVIDER_UNAVAILABLE' ? 'unavailable' : 'forbidden',
      message,
      cause,
    });
    this.email = email;
  }
}
