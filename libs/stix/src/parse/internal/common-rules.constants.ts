import type { PropertyRule } from './issue-sink.types';
import { extensionsRule } from './extensions-rule.util';
import {
  BOOLEAN_RULE,
  EXTERNAL_REFERENCES_RULE,
  KILL_CHAIN_PHASES_RULE,
  SCORE_RULE,
  TEXT_LIST_RULE,
  TEXT_RULE,
} from './field-rules.constants';
import { GRANULAR_MARKINGS } from './field-schemas.constants';
import { refRule } from './ref-rule.util';
import { timestampRule } from './timestamp-rule.util';
import { zodRule } from './zod-rule.util';

// Every timestamp property the parser checks, whatever the object type.
const TIMESTAMP_PROPERTIES = [
  'created',
  'modified',
  'valid_from',
  'valid_until',
  'first_seen',
  'last_seen',
  'published',
  'start_time',
  'stop_time',
  'first_observed',
  'last_observed',
] as const;

/** Rules of the STIX common properties (§3.2) and timestamps: applied to every type, custom ones too. */
export const COMMON_RULES: ReadonlyMap<string, PropertyRule> = new Map<string, PropertyRule>([
  ...TIMESTAMP_PROPERTIES.map((name): [string, PropertyRule] => [name, timestampRule]),
  ['created_by_ref', refRule({ type: 'identity', many: false })],
  ['object_marking_refs', refRule({ type: 'marking-definition', many: true })],
  ['labels', TEXT_LIST_RULE],
  ['external_references', EXTERNAL_REFERENCES_RULE],
  ['kill_chain_phases', KILL_CHAIN_PHASES_RULE],
  ['granular_markings', zodRule(GRANULAR_MARKINGS)],
  ['confidence', SCORE_RULE],
  ['revoked', BOOLEAN_RULE],
  ['lang', TEXT_RULE],
  ['extensions', extensionsRule],
]);
