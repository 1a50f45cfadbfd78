// openid-client 6 is an ES module only: TypeScript (module Node16) keeps the `import()` below as
// is in the CommonJS build, so Node loads it as ESM.
import type * as OpenidClientModule from 'openid-client' with { 'resolution-mode': 'import' };

export type OpenidClient = typeof OpenidClientModule;

let loaded: Promise<OpenidClient> | undefined;

/** The openid-client module, loaded once at the first OIDC login. */
export function openidClient(): Promise<OpenidClient> {
  loaded ??= import('openid-client');
  return loaded;
}
