import { authorReference, sdoEnvelope } from './common-props';
import {
  ARCHITECTURES,
  DAY_MS,
  IMPLEMENTATION_LANGUAGES,
  MALWARE_CAPABILITIES,
  MALWARE_TYPES,
  MOTIVATIONS,
  RESOURCE_LEVELS,
  SOPHISTICATION,
  THREAT_ACTOR_ROLES,
  THREAT_ACTOR_TYPES,
  TOOL_TYPES,
} from './corpus.constants';
import {
  ACTOR_ADJECTIVES,
  ACTOR_ANIMALS,
  CAMPAIGN_ADJECTIVES,
  CAMPAIGN_NOUNS,
  MALWARE_PREFIXES,
  MALWARE_SUFFIXES,
  TOOL_PREFIXES,
  TOOL_SUFFIXES,
  WEATHER_ADJECTIVES,
  WEATHER_NOUNS,
} from './corpus-words.constants';
import type { StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

// Names come from unique sequences; aliases use shapes no name can take ("/", "Storm-", "TAG-"…),
// so no alias ever equals another entity's name (OpenCTI resolves aliases as ids, §3.6).

function distinct(state: CorpusState, items: readonly string[], max: number): string[] {
  const count = state.prng.between(1, max);
  const picked: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const item = state.prng.pick(items);
    if (!picked.includes(item)) {
      picked.push(item);
    }
  }
  return picked;
}

/** first_seen some months back, last_seen recent; always first_seen <= last_seen. */
function seenWindow(state: CorpusState, target: StixRecord): void {
  target.first_seen = state.isoAt(state.nowMs - state.prng.between(60, 900) * DAY_MS);
  if (state.prng.chance(0.6)) {
    target.last_seen = state.isoAt(state.nowMs - state.prng.between(0, 59) * DAY_MS);
  }
}

function withReference(state: CorpusState, object: StixRecord, subject: string): StixRecord {
  if (state.prng.chance(0.4)) {
    const author = state.authors.find((a) => a.id === object.created_by_ref) ?? state.author();
    object.external_references = [authorReference(state, author, subject)];
  }
  return object;
}

export function generateMalware(state: CorpusState): StixRecord {
  const { prng } = state;
  const { parts, tier } = state.sequence('malware', [MALWARE_PREFIXES, MALWARE_SUFFIXES]).next();
  const suffix = tier === 0 ? '' : `.${tier < 26 ? String.fromCharCode(65 + tier) : tier}`;
  const name = parts.join('') + suffix;
  const malware = sdoEnvelope(state, 'malware', state.author());
  malware.name = name;
  const types = distinct(state, MALWARE_TYPES, 2);
  malware.description = `${name} is a ${types.join(' and ')} family tracked since its first samples.`;
  malware.is_family = prng.chance(0.85);
  if (prng.chance(0.6)) {
    malware.aliases = prng.chance(0.5) ? [`Win32/${name}`] : [`Win32/${name}`, `Trojan.${name}`];
  }
  malware.malware_types = types;
  seenWindow(state, malware);
  if (prng.chance(0.4)) {
    malware.implementation_languages = distinct(state, IMPLEMENTATION_LANGUAGES, 2);
  }
  if (prng.chance(0.3)) {
    malware.architecture_execution_envs = distinct(state, ARCHITECTURES, 2);
  }
  if (prng.chance(0.5)) {
    malware.capabilities = distinct(state, MALWARE_CAPABILITIES, 3);
  }
  return withReference(state, malware, name);
}

function intrusionSetName(state: CorpusState, n: number): string {
  const k = Math.floor(n / 5) + (state.offset('intrusion-set') % 50);
  switch (n % 5) {
    case 0:
      return `APT${k + 1}`;
    case 1:
      return `UNC${1000 + k}`;
    case 2:
      return `TA${400 + k}`;
    case 3:
      return `FIN${k + 1}`;
    default: {
      const { parts, tier } = state.sequence('weather', [WEATHER_ADJECTIVES, WEATHER_NOUNS]).next();
      return parts.join(' ') + (tier === 0 ? '' : ` ${tier + 1}`);
    }
  }
}

export function generateIntrusionSet(state: CorpusState): StixRecord {
  const { prng } = state;
  const n = state.counter('intrusion-set');
  const name = intrusionSetName(state, n);
  const set = sdoEnvelope(state, 'intrusion-set', state.author());
  set.name = name;
  set.description = `${name} is an intrusion set known for targeted operations.`;
  if (prng.chance(0.7)) {
    const storm = `Storm-${String(n).padStart(4, '0')}`;
    set.aliases = prng.chance(0.6) ? [storm] : [storm, `TG-${3000 + n}`];
  }
  seenWindow(state, set);
  set.resource_level = prng.pick(RESOURCE_LEVELS);
  set.primary_motivation = prng.pick(MOTIVATIONS);
  if (prng.chance(0.3)) {
    set.secondary_motivations = distinct(state, MOTIVATIONS, 2);
  }
  return withReference(state, set, name);
}

export function generateThreatActor(state: CorpusState): StixRecord {
  const { prng } = state;
  const n = state.counter('threat-actor');
  const { parts, tier } = state.sequence('actor', [ACTOR_ADJECTIVES, ACTOR_ANIMALS]).next();
  const name = parts.join(' ') + (tier === 0 ? '' : ` ${tier + 1}`);
  const actor = sdoEnvelope(state, 'threat-actor', state.author());
  actor.name = name;
  actor.description = `${name} is a threat actor with a long record of intrusions.`;
  if (prng.chance(0.5)) {
    actor.aliases = [`TAG-${String(n).padStart(3, '0')}`];
  }
  actor.threat_actor_types = [prng.pick(THREAT_ACTOR_TYPES)];
  actor.sophistication = prng.pick(SOPHISTICATION);
  actor.roles = [prng.pick(THREAT_ACTOR_ROLES)];
  actor.resource_level = prng.pick(RESOURCE_LEVELS);
  actor.primary_motivation = prng.pick(MOTIVATIONS);
  seenWindow(state, actor);
  return withReference(state, actor, name);
}

export function generateCampaign(state: CorpusState): StixRecord {
  const { prng } = state;
  const n = state.counter('campaign');
  const { parts, tier } = state.sequence('campaign', [CAMPAIGN_ADJECTIVES, CAMPAIGN_NOUNS]).next();
  const name = `Operation ${parts.join(' ')}${tier === 0 ? '' : ` ${tier + 1}`}`;
  const campaign = sdoEnvelope(state, 'campaign', state.author());
  campaign.name = name;
  campaign.description = `${name}: a series of intrusions sharing infrastructure and tooling.`;
  if (prng.chance(0.5)) {
    campaign.aliases = [`C${4000 + n}`];
  }
  campaign.objective = prng.pick([
    'Credential theft',
    'Data exfiltration',
    'Extortion',
    'Espionage',
  ]);
  seenWindow(state, campaign);
  return withReference(state, campaign, name);
}

export function generateTool(state: CorpusState): StixRecord {
  const { prng } = state;
  const { parts, tier } = state.sequence('tool', [TOOL_PREFIXES, TOOL_SUFFIXES]).next();
  const name = parts.join('') + (tier === 0 ? '' : ` v${tier + 1}`);
  const tool = sdoEnvelope(state, 'tool', state.author());
  tool.name = name;
  tool.description = `${name} is a dual-use tool frequently abused by intruders.`;
  if (prng.chance(0.4)) {
    tool.aliases = [`${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.exe`];
  }
  tool.tool_types = [prng.pick(TOOL_TYPES)];
  if (prng.chance(0.5)) {
    tool.tool_version = `${prng.between(1, 5)}.${prng.between(0, 9)}.${prng.between(0, 20)}`;
  }
  return withReference(state, tool, name);
}
