import type { SsoConfig } from './config.types';
import type { SsoProviderSettings } from './sso-provider.schema';

/** The providers of THREATLOOM_AUTH_PROVIDERS (none when unset), callback URLs resolved. */
export function ssoConfig(providers: unknown, publicUrl: string): SsoConfig {
  const list = (providers as SsoProviderSettings[] | undefined) ?? [];
  const base = publicUrl.replace(/\/+$/, '');
  return {
    providers: list.map((provider) => ({
      ...provider,
      callbackUrl: provider.callbackUrl ?? `${base}/auth/${provider.id}/callback`,
    })),
  };
}
