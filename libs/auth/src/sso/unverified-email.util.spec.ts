import { SsoError } from './sso.error';
import { refuseUnverifiedEmail } from './unverified-email.util';

describe(refuseUnverifiedEmail.name, () => {
  it.each([false, 'false'])('refuses email_verified %j', (value) => {
    expect(() => refuseUnverifiedEmail('Okta', { email_verified: value })).toThrow(SsoError);
    expect(() => refuseUnverifiedEmail('Okta', { email_verified: value })).toThrow(/not verified/);
  });

  it.each([{ email_verified: true }, {}, { email_verified: 'true' }])('accepts %j', (claims) => {
    expect(() => refuseUnverifiedEmail('Okta', claims)).not.toThrow();
  });
});
