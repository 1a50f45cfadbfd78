import { Inject, Injectable } from '@nestjs/common';
import { SAML, ValidateInResponseTo } from '@node-saml/passport-saml';
import type { CacheProvider } from '@node-saml/passport-saml';
import { Cache } from '@lib/cache';
import type { SamlProviderSettings } from '@lib/config';
import type { ExternalIdentity } from '../admin/users.service';
import { identityOf } from './identity-mapping.util';
import { safeRedirect } from './safe-redirect.util';
import { SsoError } from './sso.error';

type SamlProvider = SamlProviderSettings & { callbackUrl: string };

/** A login waits this long for the IdP's response. */
export const SAML_REQUEST_TTL_MS = 10 * 60_000;

/**
 * SAML 2.0 logins: AuthnRequests over the HTTP-Redirect binding, responses over HTTP-POST.
 * Every response must answer a request this platform made (InResponseTo, ids kept in the Cache
 * port so any replica takes the POST, each used once), carry a signature by the configured IdP
 * certificate, name our audience, and be within its validity window.
 */
@Injectable()
export class SamlLoginService {
  private readonly clients = new Map<string, SAML>();

  constructor(@Inject(Cache) private readonly cache: Cache) {}

  /** The IdP's URL carrying a fresh AuthnRequest; `redirect` comes back as the RelayState. */
  async begin(provider: SamlProvider, redirect: unknown): Promise<string> {
    try {
      return await this.client(provider).getAuthorizeUrlAsync(
        safeRedirect(redirect),
        undefined,
        {},
      );
    } catch (error) {
      throw new SsoError(
        'SSO_PROVIDER_UNAVAILABLE',
        `The login request for ${provider.label} could not be built`,
        error,
      );
    }
  }

  /** The identity of a POSTed response (form fields `SAMLResponse`, `RelayState`). */
  async complete(
    provider: SamlProvider,
    form: Record<string, unknown>,
  ): Promise<{ identity: ExternalIdentity; redirect: string }> {
    const response = form.SAMLResponse;
    if (typeof response !== 'string' || response === '') {
      throw new SsoError('SSO_REJECTED', 'No SAMLResponse in the form posted');
    }
    let profile: Record<string, unknown> | null;
    try {
      ({ profile } = await this.client(provider).validatePostResponseAsync({
        SAMLResponse: response,
      }));
    } catch (error) {
      throw new SsoError(
        'SSO_REJECTED',
        `The SAML response of ${provider.label} was refused: ${error instanceof Error ? error.message : String(error)}`,
        error,
      );
    }
    if (!profile) {
      throw new SsoError('SSO_REJECTED', `The SAML response of ${provider.label} holds no login`);
    }
    const attributes = (profile.attributes ?? profile) as Record<string, unknown>;
    const nameId = typeof profile.nameID === 'string' ? profile.nameID : undefined;
    const identity = identityOf(
      provider.id,
      attributes,
      {
        ...provider.attributes,
        groupsMapping: provider.groupsMapping,
        organizationsMapping: provider.organizationsMapping,
        defaultGroups: provider.defaultGroups,
        defaultOrganizations: provider.defaultOrganizations,
      },
      nameId,
    );
    return { identity, redirect: safeRedirect(form.RelayState) };
  }

  /** Our service provider metadata, for the IdP's administrator. */
  metadata(provider: SamlProvider): string {
    return this.client(provider).generateServiceProviderMetadata(null, null);
  }

  private client(provider: SamlProvider): SAML {
    let client = this.clients.get(provider.id);
    if (!client) {
      client = new SAML({
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
        requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
        cacheProvider: this.requestIds(provider.id),
        // Asking for a password context makes some IdPs refuse logins by certificate or MFA.
        disableRequestedAuthnContext: true,
      });
      this.clients.set(provider.id, client);
    }
    return client;
  }

  /** The ids of AuthnRequests sent, each valid for one response. */
  private requestIds(providerId: string): CacheProvider {
    const key = (id: string) => `sso:saml:${providerId}:${id}`;
    return {
      saveAsync: async (id, value) => {
        await this.cache.set(key(id), value, { ttlMs: SAML_REQUEST_TTL_MS });
        return { value, createdAt: Date.now() };
      },
      getAsync: async (id) => {
        const value = await this.cache.get(key(id));
        return typeof value === 'string' ? value : null;
      },
      removeAsync: async (id) => {
        if (id === null) return null;
        await this.cache.delete(key(id));
        return id;
      },
    };
  }
}
