import { Inject, Injectable } from '@nestjs/common';
import type { CacheProvider, SAML } from '@node-saml/passport-saml';
import { Cache } from '@lib/cache';
import type { ExternalIdentity } from '../admin/users.service';
import { identityOf } from './identity-mapping.util';
import { safeRedirect } from './safe-redirect.util';
import type { SamlProvider } from './saml-client.util';
import { SsoError } from './sso.error';

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
      return await (
        await this.client(provider)
      ).getAuthorizeUrlAsync(safeRedirect(redirect), undefined, {});
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
      ({ profile } = await (
        await this.client(provider)
      ).validatePostResponseAsync({
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
  async metadata(provider: SamlProvider): Promise<string> {
    return (await this.client(provider)).generateServiceProviderMetadata(null, null);
  }

  // @node-saml (about 16 MB once required, with its XML libraries) is loaded by the first SAML
  // login, not at boot: most platforms configure no SAML provider.
  private async client(provider: SamlProvider): Promise<SAML> {
    const known = this.clients.get(provider.id);
    if (known) return known;
    const { samlClient } = await import('./saml-client.util.js');
    const client =
      this.clients.get(provider.id) ??
      samlClient(provider, this.requestIds(provider.id), SAML_REQUEST_TTL_MS);
    this.clients.set(provider.id, client);
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
