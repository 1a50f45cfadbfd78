import type { CompatCase } from './compat-case.types';
import { differs } from './expectations.util';

const R_PATTERN = 'pycti only strips the pattern; the platform re-formats STIX patterns';
const R_DATE = 'pycti hashes dates as given; the platform hashes YYYY-MM-DDTHH:mm:ss.sssZ';
const R_STOP_ONLY = 'pycti drops stop_time / last_seen when the start is absent';
const R_ORDER = 'pycti keeps the order of object_refs; the platform sorts them';
const R_MARKING_CASE = 'pycti does not upper-case marking definitions; the platform does';
const R_LABEL_CASE = 'pycti does not normalise label values; the platform does';

const APT28 = 'intrusion-set--f743ab1d-b2f2-58f8-975f-0993511c0b9d';
const EMOTET = 'malware--36297121-bf18-56e1-b200-d39c9f9f5cee';
const IPV4 = 'ipv4-addr--0198f97b-e65d-5025-87e5-58bc39d4bdb4';
const INDICATOR = 'indicator--274128a4-2ad4-50b5-ae7b-b0dea1fa9861';
const ACME = 'identity--542072da-8b33-50bf-810b-d9cfd2a0bc69';
const FRANCE = 'location--b8d0549f-de06-5ebd-a6e9-d31a581dba5d';
const T1 = '2024-01-01T00:00:00.000Z';
const T2 = '2024-06-30T23:59:59.999Z';

function c(
  name: string,
  entityType: string,
  data: Record<string, unknown>,
  expect?: CompatCase['expect'],
): CompatCase {
  return expect ? { name, entityType, data, expect } : { name, entityType, data };
}

function rel(type: string, source: string, target: string, times: Record<string, string> = {}) {
  return { relationship_type: type, source_ref: source, target_ref: target, ...times };
}

const relationshipCases = [
  c('uses', 'uses', rel('uses', APT28, EMOTET)),
  c('uses since T1', 'uses', rel('uses', APT28, EMOTET, { start_time: T1 })),
  c('uses T1..T2', 'uses', rel('uses', APT28, EMOTET, { start_time: T1, stop_time: T2 })),
  c(
    'uses until T2 only',
    'uses',
    rel('uses', APT28, EMOTET, { stop_time: T2 }),
    differs(R_STOP_ONLY, 'relationship', rel('uses', APT28, EMOTET)),
  ),
  c(
    'uses start without ms',
    'uses',
    rel('uses', APT28, EMOTET, { start_time: '2024-01-01T00:00:00Z' }),
    differs(
      R_DATE,
      'relationship',
      rel('uses', APT28, EMOTET, { start_time: '2024-01-01T00:00:00Z' }),
    ),
  ),
  c('based-on', 'based-on', rel('based-on', INDICATOR, IPV4)),
  c('indicates', 'indicates', rel('indicates', INDICATOR, EMOTET)),
  c('targets', 'targets', rel('targets', APT28, ACME)),
  c('located-at', 'located-at', rel('located-at', ACME, FRANCE)),
  c(
    'attributed-to',
    'attributed-to',
    rel('attributed-to', APT28, 'threat-actor--90bd2396-8173-5dd4-92ad-31f3786e636d'),
  ),
  c('related-to', 'related-to', rel('related-to', EMOTET, IPV4)),
  c(
    'derived-from',
    'derived-from',
    rel('derived-from', EMOTET, 'malware--92ddf766-b27c-5159-8f46-27002bba2f04'),
  ),
  c(
    'subtechnique-of',
    'subtechnique-of',
    rel('subtechnique-of', 'attack-pattern--1', 'attack-pattern--2'),
  ),
  c('mitigates', 'mitigates', rel('mitigates', 'course-of-action--1', 'attack-pattern--1')),
  c('revoked-by', 'revoked-by', rel('revoked-by', 'attack-pattern--1', 'attack-pattern--2')),
  c('platform vector based-on', 'based-on', rel('based-on', 'from_id', 'to_id')),
];

const sightingCases = [
  c('sighting', 'stix-sighting-relationship', {
    sighting_of_ref: INDICATOR,
    where_sighted_refs: [ACME],
  }),
  c('sighting platform vector', 'stix-sighting-relationship', {
    sighting_of_ref: 'from_id',
    where_sighted_refs: ['to_id'],
  }),
  c('sighting first seen', 'stix-sighting-relationship', {
    sighting_of_ref: INDICATOR,
    where_sighted_refs: [ACME],
    first_seen: T1,
  }),
  c('sighting first..last', 'stix-sighting-relationship', {
    sighting_of_ref: INDICATOR,
    where_sighted_refs: [ACME],
    first_seen: T1,
    last_seen: T2,
  }),
  c(
    'sighting last seen only',
    'stix-sighting-relationship',
    { sighting_of_ref: INDICATOR, where_sighted_refs: [ACME], last_seen: T2 },
    differs(R_STOP_ONLY, 'sighting', {
      type: 'sighting',
      sighting_of_ref: INDICATOR,
      where_sighted_refs: [ACME],
    }),
  ),
];

const markingCases = [
  c('TLP:CLEAR', 'Marking-Definition', { definition_type: 'TLP', definition: 'TLP:CLEAR' }),
  c('TLP:WHITE', 'Marking-Definition', { definition_type: 'TLP', definition: 'TLP:WHITE' }),
  c('TLP:GREEN', 'Marking-Definition', { definition_type: 'TLP', definition: 'TLP:GREEN' }),
  c('TLP:AMBER', 'Marking-Definition', { definition_type: 'TLP', definition: 'TLP:AMBER' }),
  c('TLP:AMBER+STRICT', 'Marking-Definition', {
    definition_type: 'TLP',
    definition: 'TLP:AMBER+STRICT',
  }),
  c('TLP:RED', 'Marking-Definition', { definition_type: 'TLP', definition: 'TLP:RED' }),
  c('PAP:CLEAR', 'Marking-Definition', { definition_type: 'PAP', definition: 'PAP:CLEAR' }),
  c('PAP:GREEN', 'Marking-Definition', { definition_type: 'PAP', definition: 'PAP:GREEN' }),
  c('PAP:AMBER', 'Marking-Definition', { definition_type: 'PAP', definition: 'PAP:AMBER' }),
  c('PAP:RED', 'Marking-Definition', { definition_type: 'PAP', definition: 'PAP:RED' }),
  c('statement marking', 'Marking-Definition', {
    definition_type: 'STATEMENT',
    definition: 'COPYRIGHT 2025 ACME',
  }),
  c(
    'statement marking lower-case',
    'Marking-Definition',
    { definition_type: 'statement', definition: 'Copyright MITRE' },
    differs(R_MARKING_CASE, 'marking-definition', {
      definition_type: 'statement',
      definition: 'Copyright MITRE',
    }),
  ),
  c(
    'Label upper-case',
    'Label',
    { value: 'Malicious' },
    differs(R_LABEL_CASE, 'label', { value: 'Malicious' }),
  ),
];

const patternCases = [
  c(
    'Indicator unspaced pattern',
    'Indicator',
    { pattern: "[ipv4-addr:value='1.2.3.4']", pattern_type: 'stix' },
    differs(R_PATTERN, 'indicator', { pattern: "[ipv4-addr:value='1.2.3.4']" }),
  ),
  c(
    'Indicator compound unspaced',
    'Indicator',
    {
      pattern: "[file:hashes.MD5='d41d8cd98f00b204e9800998ecf8427e' AND file:name='a b.exe']",
      pattern_type: 'stix',
    },
    differs(R_PATTERN, 'indicator', {
      pattern: "[file:hashes.MD5='d41d8cd98f00b204e9800998ecf8427e' AND file:name='a b.exe']",
    }),
  ),
  c('Indicator padded', 'Indicator', {
    pattern: "  [url:value = 'http://x']  ",
    pattern_type: 'stix',
  }),
  c('Indicator FOLLOWEDBY', 'Indicator', {
    pattern: "([a:b = 'x'] FOLLOWEDBY [c:d = 'y']) WITHIN 300 SECONDS",
    pattern_type: 'stix',
  }),
];

const objectOrderCases = [
  c(
    'Observed-Data unsorted',
    'Observed-Data',
    { objects: ['url--0c', 'domain-name--0a'] },
    differs(R_ORDER, 'observed-data', { objects: ['url--0c', 'domain-name--0a'] }),
  ),
];

/** Relationships, sightings, markings, labels, patterns and object order. */
export const RELATIONSHIP_CASES: readonly CompatCase[] = [
  ...relationshipCases,
  ...sightingCases,
  ...markingCases,
  ...patternCases,
  ...objectOrderCases,
];
