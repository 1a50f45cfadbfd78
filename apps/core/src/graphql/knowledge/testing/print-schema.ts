// `npm run schema:print`: writes apps/core/schema.graphql from the code-first metadata.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCoreSchema } from './build-knowledge-schema.util';

void buildCoreSchema().then((schema) => {
  const target = join(process.cwd(), 'apps', 'core', 'schema.graphql');
  writeFileSync(target, printSchema(lexicographicSortSchema(schema)));
  process.stdout.write(`${target}\n`);
});
