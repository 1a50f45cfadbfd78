import { z } from 'zod';

/** One environment variable of the configuration table. */
export type ConfigVariable = {
  env: `THREATLOOM_${string}`;
  group:
    | 'platform'
    | 'http'
    | 'admin'
    | 'auth'
    | 'log'
    | 'store'
    | 'blob'
    | 'cache'
    | 'events'
    | 'ingestion'
    | 'connectors'
    | 'audit'
    | 'retention'
    | 'distributed';
  schema: z.ZodType;
  default?: string;
  description: string;
  secret?: boolean;
};

export const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
