import { Module } from '@nestjs/common';
import { AccessContextsService } from './access/access-contexts.service';
import { AccessDirectory } from './admin/access-directory.service';
import { GroupsService } from './admin/groups.service';
import { RolesService } from './admin/roles.service';
import { SettingsService } from './admin/settings.service';
import { UsersService } from './admin/users.service';
import { LocalLoginService } from './services/local-login.service';
import { LoginLockout } from './services/login-lockout.service';
import { TokenAuthService } from './services/token-auth.service';
import { SessionRegistry } from './sessions/session-registry.service';
import { OidcLoginService } from './sso/oidc-login.service';
import { SamlLoginService } from './sso/saml-login.service';
import { SsoProvidersService } from './sso/sso-providers.service';

const SERVICES = [
  AccessContextsService,
  AccessDirectory,
  GroupsService,
  RolesService,
  SettingsService,
  UsersService,
  TokenAuthService,
  LocalLoginService,
  LoginLockout,
  SessionRegistry,
  SsoProvidersService,
  OidcLoginService,
  SamlLoginService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class AuthModule {}
