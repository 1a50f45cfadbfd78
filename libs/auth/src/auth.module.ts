import { Module } from '@nestjs/common';
import { TokenAuthService } from './services/token-auth.service';

@Module({ providers: [TokenAuthService], exports: [TokenAuthService] })
export class AuthModule {}
