export { CoreModule } from './core.module';
export { PlatformInfoService } from './platform-info.service';
