// Writes apps/core/schema.graphql from the code-first metadata (after `npm run build`):
// node dist/apps/core/src/graphql/knowledge/testing/print-schema.js
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printCoreSdl } from './print-core-sdl.util';

void printCoreSdl().then((sdl) => {
  const target = join(process.cwd(), 'apps', 'core', 'schema.graphql');
  writeFileSync(target, sdl);
  process.stdout.write(`${target}\n`);
});
