import { Module } from '@nestjs/common';
import { AccessContextsService } from './access/access-contexts.service';
import { AccessDirectory } from './admin/access-directory.service';
import { GroupsService } from './admin/groups.service';
import { RolesService } from './admin/roles.service';
import { UsersService } from './admin/users.service';
import { TokenAuthService } from './services/token-auth.service';
import { OidcLoginService } from './sso/oidc-login.service';
import { SamlLoginService } from './sso/saml-login.service';
import { SsoProvidersService } from './sso/sso-providers.service';

const SERVICES = [
  AccessContextsService,
  AccessDirectory,
  GroupsService,
  RolesService,
  UsersService,
  TokenAuthService,
  SsoProvidersService,
  OidcLoginService,
  SamlLoginService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class AuthModule {}
