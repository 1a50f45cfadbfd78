import { z } from 'zod';
import { jsonArrayVariable } from './json-variable.util';

/** A column: its name in the header line, or its 0-based position. */
const column = z.union([z.string().min(1), z.number().int().min(0)]);

/** The observable types an IOC feed entry may become; `auto` recognises each entry's own. */
export const IOC_FEED_TYPES = [
  'auto',
  'IPv4-Addr',
  'IPv6-Addr',
  'Domain-Name',
  'Hostname',
  'Url',
  'Email-Addr',
  'StixFile',
] as const;

export type IocFeedType = (typeof IOC_FEED_TYPES)[number];

/** One CSV or plain-text IOC feed and how its entries map to observables and indicators. */
export const IOC_FEED_SCHEMA = z
  .object({
    /** Unique: names the feed in works, state and the entries' labels. */
    name: z.string().min(1).max(100),
    /** An http(s) URL or a file path (gzip when it ends in .gz). */
    source: z.string().min(1),
    format: z.enum(['text', 'csv']).default('text'),
    /** csv: the field separator (one character, `\t` for tab-separated lists). */
    delimiter: z.string().length(1).default(','),
    /** Lines starting with this are comments. */
    comment: z.string().min(1).default('#'),
    /** csv: the first line names the columns. */
    header: z.boolean().default(false),
    columns: z
      .object({
        value: column.default(0),
        type: column.optional(),
        score: column.optional(),
        description: column.optional(),
        labels: column.optional(),
      })
      .strict()
      .default({ value: 0 }),
    type: z.enum(IOC_FEED_TYPES).default('auto'),
    /** Values of the type column → observable types (`{"ip": "IPv4-Addr"}`). */
    typeMap: z.record(z.string(), z.enum(IOC_FEED_TYPES)).default({}),
    /** Multiplies the score column (a count of 1-10 lists times 10 is a 0-100 score). */
    scoreScale: z.number().positive().default(1),
    /** The score of entries without a score column. */
    defaultScore: z.number().int().min(0).max(100).default(50),
    /** Entries scored below this are left out. */
    minScore: z.number().min(0).max(100).optional(),
    /** An indicator (STIX pattern) per entry, based on its observable. */
    indicators: z.boolean().default(true),
    /** Days an indicator stays valid (valid_until); none: no end. */
    validDays: z.number().int().positive().optional(),
    labels: z.array(z.string().min(1)).default([]),
    /** TLP names (`TLP:GREEN`) or marking definition STIX ids. */
    markings: z.array(z.string().min(1)).default(['TLP:CLEAR']),
    /** The organization the entries are attributed to (created_by). */
    author: z.string().min(1).optional(),
    confidence: z.number().int().min(0).max(100).optional(),
    /** What the entries point to: `indicates` from each indicator (else `related-to`). */
    indicates: z
      .object({
        type: z.enum(['Intrusion-Set', 'Malware', 'Threat-Actor-Group', 'Campaign', 'Tool']),
        name: z.string().min(1),
      })
      .strict()
      .optional(),
    /** Entries read per run, at most. */
    maxEntries: z.number().int().positive().optional(),
  })
  .strict();

export type IocFeedSettings = z.infer<typeof IOC_FEED_SCHEMA>;

/**
 * THREATLOOM_CONNECTOR_IOC_FEEDS: a JSON array of feeds, inline or in the file it names; feed
 * names are unique.
 */
export const IOC_FEEDS_VARIABLE_SCHEMA = jsonArrayVariable(IOC_FEED_SCHEMA, 'two feeds');
