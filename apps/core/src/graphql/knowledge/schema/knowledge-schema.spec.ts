import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCoreSchema } from '../testing/build-knowledge-schema.util';

const SDL_FILE = join(__dirname, '..', '..', '..', '..', 'schema.graphql');

describe('knowledge GraphQL schema', () => {
  it('prints the SDL committed in apps/core/schema.graphql (regenerate with npm run schema:print)', async () => {
    const sdl = printSchema(lexicographicSortSchema(await buildCoreSchema()));
    expect(sdl).toBe(readFileSync(SDL_FILE, 'utf8'));
  });
});
