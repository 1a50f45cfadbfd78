import { runPlatform } from './run-platform';

// `node dist/apps/platform/src/main.js` and `nest start platform`; bin/threatloom.js calls runPlatform.
if (require.main === module) {
  void runPlatform(process.argv.slice(2));
}
