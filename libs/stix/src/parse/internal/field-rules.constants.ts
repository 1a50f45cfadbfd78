import type { z } from 'zod';
import {
  BOOLEAN,
  EXTERNAL_REFERENCES,
  KILL_CHAIN_PHASES,
  NON_EMPTY_TEXT,
  SCORE,
  TEXT,
  TEXT_LIST,
} from './field-schemas.constants';
import { isRecord } from './is-record.util';
import { zodRule } from './zod-rule.util';

// The most frequent property rules, each with a fast path (see zodRule) so that valid values —
// nearly all of them — skip zod. A fast path returns true only for values its schema accepts.
const isText = (value: unknown): boolean => typeof value === 'string';

const isOptionalText = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';

const isExternalReference = (value: unknown): boolean =>
  isRecord(value) &&
  typeof value.source_name === 'string' &&
  isOptionalText(value.description) &&
  isOptionalText(value.url) &&
  isOptionalText(value.external_id) &&
  value.hashes === undefined;

const isKillChainPhase = (value: unknown): boolean =>
  isRecord(value) &&
  typeof value.kill_chain_name === 'string' &&
  typeof value.phase_name === 'string';

type FastPath = { readonly schema: z.ZodType; readonly accepts: (value: unknown) => boolean };

/** Schemas of the hottest rules with their fast paths (exported for the soundness spec). */
export const FAST_PATHS = {
  text: { schema: TEXT, accepts: isText },
  nonEmptyText: {
    schema: NON_EMPTY_TEXT,
    accepts: (value) => typeof value === 'string' && value.length > 0,
  },
  textList: { schema: TEXT_LIST, accepts: (value) => Array.isArray(value) && value.every(isText) },
  boolean: { schema: BOOLEAN, accepts: (value) => typeof value === 'boolean' },
  score: {
    schema: SCORE,
    accepts: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100,
  },
  externalReferences: {
    schema: EXTERNAL_REFERENCES,
    accepts: (value) => Array.isArray(value) && value.every(isExternalReference),
  },
  killChainPhases: {
    schema: KILL_CHAIN_PHASES,
    accepts: (value) => Array.isArray(value) && value.every(isKillChainPhase),
  },
} satisfies Record<string, FastPath>;

const rule = ({ schema, accepts }: FastPath) => zodRule(schema, accepts);

export const TEXT_RULE = rule(FAST_PATHS.text);
export const NON_EMPTY_TEXT_RULE = rule(FAST_PATHS.nonEmptyText);
export const TEXT_LIST_RULE = rule(FAST_PATHS.textList);
export const BOOLEAN_RULE = rule(FAST_PATHS.boolean);
export const SCORE_RULE = rule(FAST_PATHS.score);
export const EXTERNAL_REFERENCES_RULE = rule(FAST_PATHS.externalReferences);
export const KILL_CHAIN_PHASES_RULE = rule(FAST_PATHS.killChainPhases);
