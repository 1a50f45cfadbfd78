import { SAML, ValidateInResponseTo } from '@node-saml/passport-saml';
import type { CacheProvider } from '@node-saml/passport-saml';
import type { SamlProviderSettings } from '@lib/config';

export type SamlProvider = SamlProviderSettings & { callbackUrl: string };

/**
 * The client of one SAML provider: every response must answer a request it made (ids kept by
 * `requestIds` for `requestTtlMs`), be signed by the IdP's certificate and name our audience.
 */
export function samlClient(
  provider: SamlProvider,
  requestIds: CacheProvider,
  requestTtlMs: number,
): SAML {
  return new SAML({
    callbackUrl: provider.callbackUrl,
    entryPoint: provider.entryPoint,
    issuer: provider.issuer,
    idpCert: provider.idpCert,
    ...(provider.idpIssuer ? { idpIssuer: provider.idpIssuer } : {}),
    audience: provider.audience ?? provider.issuer,
    wantAssertionsSigned: provider.wantAssertionsSigned,
    wantAuthnResponseSigned: provider.wantAuthnResponseSigned,
    acceptedClockSkewMs: provider.clockSkewSeconds * 1000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: requestTtlMs,
    cacheProvider: requestIds,
    // Asking for a password context makes some IdPs refuse logins by certificate or MFA.
    disableRequestedAuthnContext: true,
  });
}
