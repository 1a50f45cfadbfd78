export { repoRoot, sharedData, venvPython } from './repo-paths.util';
export { requireTestService } from './test-service.util';
export type { TestService } from './test-service.util';
export { dropRunData, loopbackServicesEnv, runNamesEnv } from './distributed-env.util';
export {
  distributedPlatformEnv,
  loopbackPortBase,
  platformGraphql,
  startRole,
  stopRole,
  waitReady,
} from './platform-process.util';
export type { PlatformProcess } from './platform-process.util';
export { eachTestSearchEngine } from './search-engine-test-bed.util';
export type {
  OpenTestBed,
  SearchEngineTestBed,
  SearchEngineTestBedOptions,
} from './search-engine-test-bed.util';
export { embeddedTestModules } from './embedded-test-modules.util';
export type { EmbeddedTestModules } from './embedded-test-modules.util';
export { closedPort } from './closed-port.util';
export { graphReportBundle } from './graph-report.fixture';
export type { GraphReportOptions } from './graph-report.fixture';
