import type { ConfigVariable } from './config-variable.types';
import { SSO_PROVIDERS_VARIABLE_SCHEMA } from './sso-provider.schema';

/** Single sign-on (issue #8): the identity providers users may log in with. */
export const SSO_VARIABLES = [
  {
    env: 'THREATLOOM_AUTH_PROVIDERS',
    group: 'auth',
    schema: SSO_PROVIDERS_VARIABLE_SCHEMA,
    secret: true,
    description:
      'Single sign-on providers (OpenID Connect, SAML 2.0): a JSON array, or the path of a JSON file holding it (see "Single sign-on").',
  },
] as const satisfies readonly ConfigVariable[];
