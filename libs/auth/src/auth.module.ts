import { Module } from '@nestjs/common';
import { LocalLoginService } from './services/local-login.service';
import { LoginLockout } from './services/login-lockout.service';
import { TokenAuthService } from './services/token-auth.service';
import { SessionRegistry } from './sessions/session-registry.service';

const SERVICES = [TokenAuthService, LocalLoginService, LoginLockout, SessionRegistry];

@Module({ providers: SERVICES, exports: SERVICES })
export class AuthModule {}
