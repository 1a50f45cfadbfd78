import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cache } from '@lib/cache';
import type { OidcProviderSettings } from '@lib/config';
import type { ExternalIdentity } from '../admin/users.service';
import { identityOf } from './identity-mapping.util';
import { openidClient } from './oidc-client.util';
import type { OpenidClient } from './oidc-client.util';
import { safeRedirect } from './safe-redirect.util';
import { SsoError } from './sso.error';
import { refuseUnverifiedEmail } from './unverified-email.util';

type OidcProvider = OidcProviderSettings & { callbackUrl: string };
type Configuration = Awaited<ReturnType<OpenidClient['discovery']>>;

/** What a login started remembers until its callback: checked once, then forgotten. */
type Transaction = {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirect: string;
};

/** A login waits this long for its callback (the user types a password, maybe a second factor). */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 15;
// Plain http is allowed to a provider on this machine only (the config refuses it elsewhere).
const LOOPBACK = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;

/**
 * OpenID Connect logins (authorization code with PKCE, state and nonce). The transaction lives
 * in the Cache port under a random id the browser keeps in a cookie, so that any core replica
 * can take the callback and an authorization response can only complete the browser that asked.
 */
@Injectable()
export class OidcLoginService {
  private readonly logger = new Logger(OidcLoginService.name);
  private readonly configurations = new Map<string, Promise<Configuration>>();

  constructor(@Inject(Cache) private readonly cache: Cache) {}

  /** The provider's authorization URL, and the transaction id the browser must bring back. */
  async begin(
    provider: OidcProvider,
    redirect: unknown,
  ): Promise<{ url: string; transaction: string }> {
    const client = await openidClient();
    const config = await this.configuration(client, provider);
    const tx: Transaction = {
      provider: provider.id,
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      redirect: safeRedirect(redirect),
    };
    const transaction = randomBytes(24).toString('base64url');
    await this.cache.set(cacheKey(transaction), tx, { ttlMs: OIDC_TRANSACTION_TTL_MS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: provider.callbackUrl,
      scope: provider.scopes.join(' '),
      state: tx.state,
      nonce: tx.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(tx.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, transaction };
  }

  /**
   * The identity of a callback (`query`: its query string) for the transaction the browser
   * brought back, and where to go next. The transaction is used once, whatever the outcome.
   */
  async complete(
    provider: OidcProvider,
    transaction: string | undefined,
    query: string,
  ): Promise<{ identity: ExternalIdentity; redirect: string }> {
    const tx = transaction ? await this.takeTransaction(transaction) : undefined;
    if (!tx || tx.provider !== provider.id) {
      throw new SsoError(
        'SSO_NO_TRANSACTION',
        `No login with ${provider.label} is in progress in this browser (expired, or started elsewhere): start again`,
      );
    }
    const client = await openidClient();
    const config = await this.configuration(client, provider);
    const currentUrl = new URL(provider.callbackUrl);
    currentUrl.search = query;
    const claims = await this.claims(client, config, provider, currentUrl, tx);
    refuseUnverifiedEmail(provider.label, claims);
    const mapping = {
      ...provider.claims,
      groupsMapping: provider.groupsMapping,
      organizationsMapping: provider.organizationsMapping,
      defaultGroups: provider.defaultGroups,
      defaultOrganizations: provider.defaultOrganizations,
    };
    return { identity: identityOf(provider.id, claims, mapping), redirect: tx.redirect };
  }

  private async claims(
    client: OpenidClient,
    config: Configuration,
    provider: OidcProvider,
    currentUrl: URL,
    tx: Transaction,
  ): Promise<Record<string, unknown>> {
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: tx.codeVerifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      if (!provider.userinfo) return { ...idClaims };
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { ...info, ...idClaims };
    } catch (error) {
      throw rejection(provider, error);
    }
  }

  private async takeTransaction(id: string): Promise<Transaction | undefined> {
    const key = cacheKey(id);
    const value = await this.cache.get(key);
    await this.cache.delete(key);
    return value === undefined ? undefined : (value as Transaction);
  }

  /** The provider's discovered metadata, fetched once (again after a failure). */
  private configuration(client: OpenidClient, provider: OidcProvider): Promise<Configuration> {
    let found = this.configurations.get(provider.id);
    if (!found) {
      found = client
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          undefined,
          client.ClientSecretBasic(provider.clientSecret),
          {
            timeout: TIMEOUT_SECONDS,
            execute: LOOPBACK.test(provider.issuer) ? [client.allowInsecureRequests] : [],
          },
        )
        .catch((error: unknown) => {
          this.configurations.delete(provider.id);
          this.logger.warn(`OIDC discovery of ${provider.id} failed: ${messageOf(error)}`);
          throw new SsoError(
            'SSO_PROVIDER_UNAVAILABLE',
            `The identity provider ${provider.label} cannot be reached: try again later`,
            error,
          );
        });
      this.configurations.set(provider.id, found);
    }
    return found;
  }
}

const cacheKey = (transaction: string) => `sso:oidc:${transaction}`;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The errors `error` wraps, outermost first (openid-client wraps oauth4webapi's). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 5;) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

/** A failed code exchange, worded for the user: the provider's own error, or what did not match. */
function rejection(provider: OidcProvider, error: unknown): SsoError {
  const chain = causes(error) as { error?: unknown; error_description?: unknown }[];
  const answered = chain.find((e) => typeof e.error === 'string');
  if (answered) {
    const description =
      typeof answered.error_description === 'string' ? `: ${answered.error_description}` : '';
    return new SsoError(
      'SSO_PROVIDER_ERROR',
      `${provider.label} refused the login (${String(answered.error)}${description})`,
      error,
    );
  }
  const reasons = chain.filter((e) => e instanceof Error).map((e) => messageOf(e));
  return new SsoError(
    'SSO_REJECTED',
    `The answer of ${provider.label} was refused: ${reasons.at(-1) ?? messageOf(error)}`,
    error,
  );
}
