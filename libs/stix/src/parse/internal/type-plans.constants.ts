import { COMMON_RULES } from './common-rules.constants';
import {
  BOOLEAN_RULE,
  NON_EMPTY_TEXT_RULE,
  TEXT_LIST_RULE,
  TEXT_RULE,
} from './field-rules.constants';
import {
  LATITUDE,
  LONGITUDE,
  MARKING_DEFINITION,
  NON_NEGATIVE_INT,
  NON_NEGATIVE_NUMBER,
  NUMBER_OBSERVED,
  OBSERVED_OBJECTS,
  RECORD,
} from './field-schemas.constants';
import type { PropertyRule } from './issue-sink.types';
import { refRule } from './ref-rule.util';
import type { StixFamily } from './type-families.constants';
import {
  META_TYPES,
  NAMED_TYPES,
  OTHER_OBSERVABLE_TYPES,
  SDO_TYPES,
  SRO_TYPES,
  VALUE_OBSERVABLE_TYPES,
} from './type-families.constants';
import type { TypeCheck } from './type-checks.constants';
import { TYPE_CHECKS } from './type-checks.constants';
import type { VocabularyBinding } from './vocabularies.constants';
import { VOCABULARY_BINDINGS } from './vocabularies.constants';
import { zodRule } from './zod-rule.util';

/** Everything the parser checks for one STIX type, resolved once at load time. */
export type TypePlan = {
  readonly family: StixFamily | 'custom';
  readonly rules: ReadonlyMap<string, PropertyRule>;
  readonly required: readonly string[];
  readonly check?: TypeCheck;
  readonly vocabularies: readonly VocabularyBinding[];
};

type Rules = Readonly<Record<string, PropertyRule>>;

const ref = (type?: string) => refRule({ type, many: false });
const refs = (type?: string) => refRule({ type, many: true });
const text = TEXT_RULE;
const nonEmpty = NON_EMPTY_TEXT_RULE;
const list = TEXT_LIST_RULE;
const bool = BOOLEAN_RULE;

// Properties every known SDO, SRO and meta object may carry.
const DOMAIN_RULES: Rules = { name: text, description: text, aliases: list };
const OBSERVABLE_RULES: Rules = { defanged: bool };

const TYPE_RULES: Readonly<Record<string, Rules>> = {
  relationship: { relationship_type: nonEmpty, source_ref: ref(), target_ref: ref() },
  sighting: {
    sighting_of_ref: ref(),
    where_sighted_refs: refs(),
    observed_data_refs: refs('observed-data'),
    count: zodRule(NON_NEGATIVE_INT),
    summary: bool,
  },
  indicator: {
    pattern: nonEmpty,
    pattern_type: text,
    pattern_version: text,
    indicator_types: list,
  },
  malware: { name: nonEmpty, is_family: bool, malware_types: list },
  'malware-analysis': { product: nonEmpty },
  tool: { tool_types: list, tool_version: text },
  'threat-actor': { threat_actor_types: list },
  infrastructure: { infrastructure_types: list },
  identity: { identity_class: text, sectors: list },
  location: {
    latitude: zodRule(LATITUDE),
    longitude: zodRule(LONGITUDE),
    precision: zodRule(NON_NEGATIVE_NUMBER),
    region: text,
    country: text,
  },
  report: { report_types: list, object_refs: refs() },
  grouping: { context: text, object_refs: refs() },
  note: { content: nonEmpty, abstract: text, authors: list, object_refs: refs() },
  opinion: { opinion: nonEmpty, explanation: text, authors: list, object_refs: refs() },
  'observed-data': {
    number_observed: zodRule(NUMBER_OBSERVED),
    objects: zodRule(OBSERVED_OBJECTS),
    object_refs: refs(),
  },
  'marking-definition': { definition_type: text, definition: zodRule(MARKING_DEFINITION) },
  'extension-definition': { name: nonEmpty, schema: text, version: text, extension_types: list },
  'language-content': { object_ref: ref(), contents: zodRule(RECORD) },
  mutex: { name: nonEmpty },
  directory: { path: nonEmpty },
  'autonomous-system': { number: zodRule(NON_NEGATIVE_INT) },
};

const TYPE_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
  indicator: ['pattern'],
  'malware-analysis': ['product'],
  report: ['object_refs'],
  grouping: ['object_refs'],
  note: ['content', 'object_refs'],
  opinion: ['opinion', 'object_refs'],
  'extension-definition': ['name'],
  'language-content': ['object_ref'],
  mutex: ['name'],
  directory: ['path'],
  'autonomous-system': ['number'],
};

const NAMED = new Set<string>(NAMED_TYPES);
const VALUED = new Set<string>(VALUE_OBSERVABLE_TYPES);

function buildPlan(type: string, family: StixFamily): TypePlan {
  const rules = new Map(COMMON_RULES);
  const extra: Rules[] = [
    family === 'sco' ? OBSERVABLE_RULES : DOMAIN_RULES,
    TYPE_RULES[type] ?? {},
  ];
  const required = [...(TYPE_REQUIRED[type] ?? [])];
  if (NAMED.has(type)) {
    extra.push({ name: nonEmpty });
    required.push('name');
  }
  if (VALUED.has(type)) {
    extra.push({ value: nonEmpty });
    required.push('value');
  }
  for (const group of extra) {
    for (const [property, rule] of Object.entries(group)) {
      rules.set(property, rule);
    }
  }
  const check = TYPE_CHECKS[type];
  const vocabularies = VOCABULARY_BINDINGS[type] ?? [];
  return check === undefined
    ? { family, rules, required, vocabularies }
    : { family, rules, required, check, vocabularies };
}

const FAMILIES: readonly (readonly [StixFamily, readonly string[]])[] = [
  ['sdo', SDO_TYPES],
  ['sro', SRO_TYPES],
  ['meta', META_TYPES],
  ['sco', VALUE_OBSERVABLE_TYPES],
  ['sco', OTHER_OBSERVABLE_TYPES],
];

/** Plans of the known STIX types, keyed by STIX type. */
export const TYPE_PLANS: ReadonlyMap<string, TypePlan> = new Map(
  FAMILIES.flatMap(([family, types]) =>
    types.map((type): [string, TypePlan] => [type, buildPlan(type, family)]),
  ),
);

/** Plan of a custom type (x-mitre-*, attack-flow, any x-…): the common properties only. */
export const CUSTOM_PLAN: TypePlan = {
  family: 'custom',
  rules: COMMON_RULES,
  required: [],
  vocabularies: [],
};
