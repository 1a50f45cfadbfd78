import { authorReference, sdoEnvelope, slugOf } from './common-props';
import {
  AUTHOR_NAMES,
  EXT_OCTI,
  INDUSTRY_SECTORS,
  KILL_CHAIN_PHASES,
  TLP_WHITE,
} from './corpus.constants';
import {
  COUNTRIES,
  ORG_NOUNS,
  ORG_PREFIXES,
  ORG_SUFFIXES,
  TECHNIQUE_NOUNS,
  TECHNIQUE_VERBS,
} from './corpus-words.constants';
import type { StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

const COUNTRY_CODES = COUNTRIES.map(([, code]) => code);
const COUNTRY_NAMES = new Map(COUNTRIES.map(([name, code]) => [code, name]));
const FLAWS = [
  'Remote code execution',
  'SQL injection',
  'Privilege escalation',
  'Cross-site scripting',
  'Buffer overflow',
  'Authentication bypass',
  'Path traversal',
  'Insecure deserialization',
];
const PRODUCTS = ['VPN gateway', 'mail server', 'web portal', 'file transfer appliance', 'CMS'];
const CVE_YEARS = 14;
const CVE_RANGE = 89_000;

function titleCase(value: string): string {
  return value
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** ATT&CK-style technique id: T1000-T9999, then sub-techniques T####.001 and up. */
function techniqueId(state: CorpusState): string {
  const n = state.counter('technique');
  const base = 1000 + (((n % 9000) * 7919 + (state.offset('technique') % 9000)) % 9000);
  const sub = Math.floor(n / 9000);
  return sub === 0 ? `T${base}` : `T${base}.${String(sub).padStart(3, '0')}`;
}

export function generateAttackPattern(state: CorpusState): StixRecord {
  const { parts, tier } = state.sequence('technique', [TECHNIQUE_VERBS, TECHNIQUE_NOUNS]).next();
  const name = parts.join(' ') + (tier === 0 ? '' : `: Sub-technique ${tier}`);
  const externalId = techniqueId(state);
  const pattern = sdoEnvelope(state, 'attack-pattern', state.author());
  pattern.name = name;
  pattern.description = `Adversaries may use ${name.toLowerCase()} to reach their objectives.`;
  pattern.external_references = [
    {
      source_name: 'mitre-attack',
      external_id: externalId,
      url: `https://attack.mitre.org/techniques/${externalId.replace('.', '/')}`,
    },
  ];
  pattern.kill_chain_phases = [
    { kill_chain_name: 'mitre-attack', phase_name: state.prng.pick(KILL_CHAIN_PHASES) },
  ];
  return pattern;
}

/** CVE-YYYY-NNNN: a bijection of the counter over (year, number), so ids never repeat. */
function cveId(state: CorpusState): string {
  const n = state.counter('cve');
  const year = 2012 + (n % CVE_YEARS);
  const sequence = Math.floor(n / CVE_YEARS);
  const tier = Math.floor(sequence / CVE_RANGE);
  const number =
    1000 + tier * CVE_RANGE + (((sequence % CVE_RANGE) * 7 + state.offset('cve')) % CVE_RANGE);
  return `CVE-${year}-${number}`;
}

export function generateVulnerability(state: CorpusState): StixRecord {
  const name = cveId(state);
  const vulnerability = sdoEnvelope(state, 'vulnerability', state.author());
  vulnerability.name = name;
  vulnerability.description = `${state.prng.pick(FLAWS)} in a widely deployed ${state.prng.pick(PRODUCTS)}.`;
  vulnerability.external_references = [
    { source_name: 'cve', external_id: name, url: `https://www.cve.org/CVERecord?id=${name}` },
  ];
  return vulnerability;
}

export function generateOrganization(state: CorpusState): StixRecord {
  const lists = [ORG_PREFIXES, ORG_NOUNS, ORG_SUFFIXES];
  const { parts, tier } = state.sequence('organization', lists).next();
  const name = parts.join(' ') + (tier === 0 ? '' : ` ${tier + 1}`);
  const organization = sdoEnvelope(state, 'identity', state.author());
  organization.name = name;
  organization.description = `${name}, a potential target organisation.`;
  organization.identity_class = 'organization';
  organization.sectors = [state.prng.pick(INDUSTRY_SECTORS)];
  if (state.prng.chance(0.4)) {
    organization.contact_information = `security@${slugOf(name)}.example`;
  }
  if (state.prng.chance(0.3)) {
    organization.external_references = [authorReference(state, state.author(), name)];
  }
  return organization;
}

/** A sector identity; undefined once every vocabulary sector exists (they are finite). */
export function generateSector(state: CorpusState): StixRecord | undefined {
  const { parts, tier } = state.sequence('sector', [INDUSTRY_SECTORS]).next();
  const value = parts[0];
  if (tier > 0 || value === undefined) {
    return undefined;
  }
  const sector = sdoEnvelope(state, 'identity', state.author());
  sector.name = titleCase(value);
  sector.description = `The ${titleCase(value).toLowerCase()} sector.`;
  sector.identity_class = 'class';
  sector.sectors = [value];
  return sector;
}

/** A country location; undefined once every listed country exists. */
export function generateCountry(state: CorpusState): StixRecord | undefined {
  const { parts, tier } = state.sequence('country', [COUNTRY_CODES]).next();
  const code = parts[0];
  const name = code === undefined ? undefined : COUNTRY_NAMES.get(code);
  if (tier > 0 || code === undefined || name === undefined) {
    return undefined;
  }
  const country = sdoEnvelope(state, 'location', state.author());
  country.name = name;
  country.country = code;
  // data-model.md §1.2: the OpenCTI location type travels in the core extension.
  country.extensions = {
    [EXT_OCTI]: { extension_type: 'property-extension', location_type: 'Country' },
  };
  return country;
}

/** One of the few author organisations every other object points to with created_by_ref. */
export function generateAuthor(state: CorpusState, index: number): StixRecord {
  const name = AUTHOR_NAMES[index % AUTHOR_NAMES.length] ?? 'Synthetic Author';
  const id = state.prng.uuid4('identity--');
  state.authors.push({ id, name });
  return {
    type: 'identity',
    spec_version: '2.1',
    id,
    created: state.now,
    modified: state.now,
    name,
    description: `${name} publishes threat intelligence (synthetic corpus author).`,
    identity_class: 'organization',
    contact_information: `intel@${slugOf(name)}.example`,
    object_marking_refs: [TLP_WHITE],
    confidence: 100,
  };
}
