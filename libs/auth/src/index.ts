export { AuthModule } from './auth.module';
export { TokenAuthService } from './services/token-auth.service';
