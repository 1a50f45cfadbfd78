import { Module } from '@nestjs/common';
import { TokenAuthService } from './services/token-auth.service';
import { UserProvisioningService } from './sso/interim-user-provisioning.service';
import { OidcLoginService } from './sso/oidc-login.service';
import { SamlLoginService } from './sso/saml-login.service';
import { SsoProvidersService } from './sso/sso-providers.service';

const SSO = [SsoProvidersService, OidcLoginService, SamlLoginService];

@Module({
  providers: [TokenAuthService, UserProvisioningService, ...SSO],
  exports: [TokenAuthService, UserProvisioningService, ...SSO],
})
export class AuthModule {}
