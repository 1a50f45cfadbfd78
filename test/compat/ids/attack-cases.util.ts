import { readFileSync } from 'node:fs';
import { isCustomType, resolveEntityType } from '@lib/stix';
import type { CompatCase } from './compat-case.types';
import { differs, none } from './expectations.util';
import { sharedData } from '@lib/testing';

const ICS_BUNDLE = sharedData('mitre-attack', 'ics-attack-18.1.json');
const R_CUSTOM = 'custom ATT&CK type: no contribution on either side, the object keeps its own id';
const R_MITRE_V7 = 'pycti 7 lower-cases x_mitre_id; the 6.9 platform keeps its case';

type StixRecord = Record<string, unknown>;

// The technique / mitigation id ATT&CK connectors put in x_mitre_id.
function mitreId(stix: StixRecord): string | undefined {
  const references = Array.isArray(stix.external_references) ? stix.external_references : [];
  for (const reference of references as StixRecord[]) {
    const source = reference.source_name;
    if (
      typeof source === 'string' &&
      source.startsWith('mitre-') &&
      typeof reference.external_id === 'string'
    ) {
      return reference.external_id;
    }
  }
  return undefined;
}

function caseFor(stix: StixRecord): CompatCase {
  const entityType = resolveEntityType(stix);
  const name = `ics ${String(stix.type)} ${String(stix.id)}`;
  const data: StixRecord = { name: stix.name };
  if (isCustomType(entityType)) {
    return { name, entityType, data, expect: none(R_CUSTOM) };
  }
  if (entityType === 'Organization') {
    data.identity_class = stix.identity_class;
  }
  const xMitreId =
    entityType === 'Attack-Pattern' || entityType === 'Course-Of-Action'
      ? mitreId(stix)
      : undefined;
  if (xMitreId === undefined) {
    return { name, entityType, data };
  }
  data.x_mitre_id = xMitreId;
  const prefix = String(stix.type);
  return {
    name,
    entityType,
    data,
    expect: { '7': differs(R_MITRE_V7, prefix, { x_mitre_id: xMitreId.toLowerCase() }) },
  };
}

/** One case per named SDO (custom ATT&CK types included) of the official ICS ATT&CK bundle. */
export function icsAttackCases(): CompatCase[] {
  const bundle = JSON.parse(readFileSync(ICS_BUNDLE, 'utf8')) as { objects: StixRecord[] };
  return bundle.objects
    .filter((o) => typeof o.name === 'string' && o.type !== 'marking-definition')
    .map(caseFor);
}
