import type { SdoKind, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';
import {
  generateAttackPattern,
  generateCountry,
  generateOrganization,
  generateSector,
  generateVulnerability,
} from './target-sdo.generator';
import {
  generateCampaign,
  generateIntrusionSet,
  generateMalware,
  generateThreatActor,
  generateTool,
} from './threat-sdo.generator';

type SdoBuilder = (state: CorpusState) => StixRecord | undefined;

const BUILDERS: readonly (readonly [SdoKind, number, SdoBuilder])[] = [
  ['malware', 20, generateMalware],
  ['intrusion-set', 10, generateIntrusionSet],
  ['threat-actor', 6, generateThreatActor],
  ['campaign', 8, generateCampaign],
  ['attack-pattern', 14, generateAttackPattern],
  ['tool', 8, generateTool],
  ['vulnerability', 14, generateVulnerability],
  ['organization', 10, generateOrganization],
  ['sector', 3, generateSector],
  ['country', 7, generateCountry],
];
const TOTAL_WEIGHT = BUILDERS.reduce((sum, [, weight]) => sum + weight, 0);

function pickBuilder(state: CorpusState): readonly [SdoKind, number, SdoBuilder] {
  let roll = state.prng.float() * TOTAL_WEIGHT;
  for (const builder of BUILDERS) {
    roll -= builder[1];
    if (roll < 0) {
      return builder;
    }
  }
  return ['malware', 0, generateMalware];
}

/**
 * One domain object (malware, intrusion set, threat actor, campaign, attack pattern, tool,
 * vulnerability, organization, sector or country). Sectors and countries are finite: once all
 * exist, another kind is drawn.
 */
export function generateSdo(state: CorpusState): StixRecord {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const [kind, , build] = pickBuilder(state);
    const object = build(state);
    if (object !== undefined) {
      state.pool(kind).add({ id: object.id as string, name: object.name as string });
      state.remember(object, object.type as string);
      return object;
    }
  }
  const malware = generateMalware(state);
  state.pool('malware').add({ id: malware.id as string, name: malware.name as string });
  state.remember(malware, 'malware');
  return malware;
}
