// `nest start core` during development: the platform entrypoint with only the core role.
import { runPlatform } from '@app/platform';

void runPlatform(['--app=core']);
