import { z } from 'zod';
import { jsonArrayVariable } from './json-variable.util';

/** One HTTP API an enrichment connector asks about observables, and what it reads back. */
export const HTTP_ENRICHER_SCHEMA = z
  .object({
    /** Unique; the connector's id is `threatloom-http-<name>`. */
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/, 'lower-case letters, digits and dashes'),
    /** `{value}` and `{type}` are replaced (URL-encoded) by the observable's value and type. */
    url: z.string().regex(/^https?:\/\//i, 'an http(s) URL'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** POST: the body, with the same placeholders (JSON-escaped). */
    body: z.string().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    /** Observable types it enriches. */
    scope: z
      .array(z.string().min(1))
      .min(1)
      .default(['IPv4-Addr', 'IPv6-Addr', 'Domain-Name', 'Url', 'StixFile']),
    /** Enrich every new observable of its scope, not only on request. */
    auto: z.boolean().default(false),
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    /** Dotted paths into the JSON answer (`data.attributes.reputation`, `tags.0`). */
    mapping: z
      .object({
        score: z.string().min(1).optional(),
        scoreScale: z.number().positive().default(1),
        labels: z.string().min(1).optional(),
        description: z.string().min(1).optional(),
        /** An external reference to the API's page of the observable (`{value}` replaced). */
        link: z.string().min(1).optional(),
      })
      .strict()
      .default({ scoreScale: 1 }),
    /** Statuses that mean "nothing known" rather than a failure. */
    notFound: z.array(z.number().int()).default([404]),
  })
  .strict();

export type HttpEnricherSettings = z.infer<typeof HTTP_ENRICHER_SCHEMA>;

/** THREATLOOM_CONNECTOR_HTTP_ENRICHERS: a JSON array of APIs, inline or in the file it names. */
export const HTTP_ENRICHERS_VARIABLE_SCHEMA = jsonArrayVariable(HTTP_ENRICHER_SCHEMA, 'two APIs');
