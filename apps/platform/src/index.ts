export { runPlatform } from './run-platform';
export { startPlatform } from './serve';
export { PlatformModule } from './platform.module';
