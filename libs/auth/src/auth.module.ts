import { Module } from '@nestjs/common';
import { AccessContextsService } from './access/access-contexts.service';
import { AccessDirectory } from './admin/access-directory.service';
import { GroupsService } from './admin/groups.service';
import { RolesService } from './admin/roles.service';
import { SettingsService } from './admin/settings.service';
import { UsersService } from './admin/users.service';
import { TokenAuthService } from './services/token-auth.service';

const SERVICES = [
  AccessContextsService,
  AccessDirectory,
  GroupsService,
  RolesService,
  SettingsService,
  UsersService,
  TokenAuthService,
];

@Module({ providers: SERVICES, exports: SERVICES })
export class AuthModule {}
