import { Inject, Injectable } from '@nestjs/common';
import { SSO_CONFIG } from '@lib/config';
import type { SsoConfig } from '@lib/config';
import { SsoError } from './sso.error';

export type SsoProvider = SsoConfig['providers'][number];

/** One login button of the login page. */
export type SsoProviderLink = { id: string; type: 'oidc' | 'saml'; label: string; url: string };

/** The configured single sign-on providers (THREATLOOM_AUTH_PROVIDERS). */
@Injectable()
export class SsoProvidersService {
  constructor(@Inject(SSO_CONFIG) private readonly config: SsoConfig) {}

  links(): SsoProviderLink[] {
    return this.config.providers.map((p) => ({
      id: p.id,
      type: p.type,
      label: p.label,
      url: `/auth/${p.id}`,
    }));
  }

  /** The provider `id`; SSO_UNKNOWN_PROVIDER when none is configured under it. */
  get(id: string): SsoProvider {
    const provider = this.config.providers.find((p) => p.id === id);
    if (!provider) {
      throw new SsoError('SSO_UNKNOWN_PROVIDER', `No single sign-on provider "${id}"`);
    }
    return provider;
  }
}
