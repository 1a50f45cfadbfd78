export { BootstrapModule } from './bootstrap.module';
export { BootstrapService } from './services/bootstrap.service';
export type { FirstBootCredentials } from './services/bootstrap.service';
export {
  ADMIN_INTERNAL_ID,
  PLATFORM_CONNECTOR_ID,
  SETTINGS_INTERNAL_ID,
  apiTokenKey,
} from './admin-user.constants';
export { hashPassword, passwordHashOutdated, verifyPassword } from './password-hash.util';
