import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildCoreSchema } from './build-knowledge-schema.util';

/** The SDL as committed in apps/core/schema.graphql (sorted, as graphql-js prints it). */
export async function printCoreSdl(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildCoreSchema()));
}
