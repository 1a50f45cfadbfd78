export { runPlatform } from './run-platform';
export { startPlatform } from './serve';
export { PlatformModule } from './platform.module';
export { readBundleFile } from './cli/bundle-files.util';
