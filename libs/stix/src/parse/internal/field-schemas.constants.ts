import { z } from 'zod';
import { isStixId } from './stix-id.util';
import { timestampKind } from './stix-timestamp.util';
import { withArticle } from './with-article.util';

// Zod schemas of the structured STIX properties, with messages that name what is expected.
// A missing required key reaches the error map with `input === undefined`.
const expected = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${what}`,
});

export const TEXT = z.string(expected('a string'));

export const NON_EMPTY_TEXT = z.string(expected('a string')).min(1, { error: 'must not be empty' });

export const TEXT_LIST = z.array(TEXT, expected('an array of strings'));

export const BOOLEAN = z.boolean(expected('a boolean'));

export const SCORE = z
  .int(expected('an integer between 0 and 100'))
  .min(0, { error: 'must be an integer between 0 and 100' })
  .max(100, { error: 'must be an integer between 0 and 100' });

export const INTEGER = z.int(expected('an integer'));

export const NON_NEGATIVE_INT = z
  .int(expected('a non-negative integer'))
  .min(0, { error: 'must be a non-negative integer' });

export const stixIdSchema = (type?: string) =>
  z.custom<string>(
    (value) => isStixId(value, type),
    expected(
      type === undefined ? 'a STIX identifier (<type>--<uuid>)' : withArticle(`${type} identifier`),
    ),
  );

export const stixIdListSchema = (type?: string) =>
  z.array(
    stixIdSchema(type),
    expected(
      type === undefined ? 'an array of STIX identifiers' : `an array of ${type} identifiers`,
    ),
  );

export const TIMESTAMP = z.custom<string>(
  (value) => typeof value === 'string' && timestampKind(value) !== 'invalid',
  expected('an RFC 3339 timestamp'),
);

export const RECORD = z.record(z.string(), z.unknown(), expected('an object'));

// STIX 2.1 §2.5; pycti may send null for absent optional fields.
export const EXTERNAL_REFERENCE = z.object(
  {
    source_name: TEXT,
    description: TEXT.nullish(),
    url: TEXT.nullish(),
    external_id: TEXT.nullish(),
    hashes: z.record(z.string(), TEXT, expected('a dictionary of hashes')).nullish(),
  },
  expected('an object'),
);

export const EXTERNAL_REFERENCES = z.array(EXTERNAL_REFERENCE, expected('an array of objects'));

// STIX 2.1 §2.7.
export const KILL_CHAIN_PHASES = z.array(
  z.object({ kill_chain_name: TEXT, phase_name: TEXT }, expected('an object')),
  expected('an array of objects'),
);

// STIX 2.1 §7.2.3: a marking_ref or a lang, applied to non-empty selectors.
export const GRANULAR_MARKINGS = z.array(
  z
    .object(
      {
        marking_ref: stixIdSchema('marking-definition').optional(),
        lang: TEXT.optional(),
        selectors: z
          .array(TEXT, expected('a non-empty array of strings'))
          .min(1, { error: 'must be a non-empty array of strings' }),
      },
      expected('an object'),
    )
    .refine((marking) => marking.marking_ref !== undefined || marking.lang !== undefined, {
      error: 'must have a marking_ref or a lang',
    }),
  expected('an array of objects'),
);

export const LATITUDE = z
  .number(expected('a number between -90 and 90'))
  .min(-90, { error: 'must be a number between -90 and 90' })
  .max(90, { error: 'must be a number between -90 and 90' });

export const LONGITUDE = z
  .number(expected('a number between -180 and 180'))
  .min(-180, { error: 'must be a number between -180 and 180' })
  .max(180, { error: 'must be a number between -180 and 180' });

export const NON_NEGATIVE_NUMBER = z
  .number(expected('a non-negative number'))
  .min(0, { error: 'must be a non-negative number' });

// STIX 2.1 §4.13: number_observed is 1..999,999,999.
export const NUMBER_OBSERVED = z
  .int(expected('an integer between 1 and 999999999'))
  .min(1, { error: 'must be an integer between 1 and 999999999' })
  .max(999_999_999, { error: 'must be an integer between 1 and 999999999' });

// The deprecated observed-data `objects` (STIX 2.0 style): a non-empty dictionary of observables.
export const OBSERVED_OBJECTS = z
  .record(
    z.string(),
    z.object({ type: TEXT }, expected('an object')),
    expected('a dictionary of cyber observables'),
  )
  .refine((objects) => Object.keys(objects).length > 0, { error: 'must not be empty' });

// A STIX definition object; OpenCTI's legacy exports write the definition as a string.
export const MARKING_DEFINITION = z.custom<unknown>(
  (value) =>
    typeof value === 'string' ||
    (typeof value === 'object' && value !== null && !Array.isArray(value)),
  expected('an object (or a string, legacy OpenCTI)'),
);
