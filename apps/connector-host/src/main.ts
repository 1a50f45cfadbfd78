// `nest start connector-host` during development: the platform entrypoint with this role only.
import { runPlatform } from '@app/platform';

void runPlatform(['--app=connector-host']);
