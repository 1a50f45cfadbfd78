export { AuthModule } from './auth.module';
export { TokenAuthService } from './services/token-auth.service';
export { UserProvisioningService } from './sso/interim-user-provisioning.service';
export type { ExternalIdentity } from './sso/external-identity.types';
export { OidcLoginService } from './sso/oidc-login.service';
export { SamlLoginService } from './sso/saml-login.service';
export { SsoError } from './sso/sso.error';
export { SsoProvidersService } from './sso/sso-providers.service';
export type { SsoProvider, SsoProviderLink } from './sso/sso-providers.service';
