import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printCoreSdl } from '../testing/print-core-sdl.util';

const SDL_FILE = join(__dirname, '..', '..', '..', '..', 'schema.graphql');

describe('core GraphQL schema', () => {
  // A schema change must be deliberate: regenerate the file (npm run build, then
  // node dist/apps/core/src/graphql/knowledge/testing/print-schema.js) and review its diff.
  it('is the SDL committed in apps/core/schema.graphql', async () => {
    expect(await printCoreSdl()).toBe(readFileSync(SDL_FILE, 'utf8'));
  });
});
