import { SsoError } from './sso.error';

/**
 * Refuses claims whose provider says the email was not verified (`email_verified: false`): users
 * are matched by email, so an unverified address would open someone else's account. Providers
 * that do not send the claim are trusted for their addresses.
 */
export function refuseUnverifiedEmail(
  label: string,
  claims: Readonly<Record<string, unknown>>,
): void {
  const verified = claims.email_verified;
  if (verified === false || verified === 'false') {
    throw new SsoError(
      'SSO_REJECTED',
      `${label} says the email address of this account is not verified: verify it, then log in again`,
    );
  }
}
