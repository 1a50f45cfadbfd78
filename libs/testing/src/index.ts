export { repoRoot, sharedData, venvPython } from './repo-paths.util';
