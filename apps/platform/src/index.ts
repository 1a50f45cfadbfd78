export { runPlatform } from './run-platform';
export { startPlatform } from './serve';
export { PlatformModule } from './platform.module';
export { BUNDLE_PART_OBJECTS, readBundleFileParts } from './cli/bundle-files.util';
