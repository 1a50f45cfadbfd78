import { isRecord } from './internal/is-record.util';
import { setOwn } from './internal/set-own.util';
import { upgradeObservedObjects } from './internal/upgrade-observed-objects.util';

// STIX 2.0 bound `labels` to a vocabulary on these types; STIX 2.1 moved those values to a
// `*_types` property and made `labels` free. Elsewhere (attack-pattern, campaign, course-of-action,
// identity, intrusion-set, observed-data, vulnerability, relationship, sighting, marking-definition,
// custom types) `labels` was already free in 2.0 and stays as it is. `infrastructure` did not exist
// in 2.0; producers that wrote it anyway used labels the 2.0 way.
// A Map: the type comes from untrusted input (`constructor` must not reach Object.prototype).
const LABELS_MOVED_TO: ReadonlyMap<string, string> = new Map([
  ['malware', 'malware_types'],
  ['tool', 'tool_types'],
  ['indicator', 'indicator_types'],
  ['threat-actor', 'threat_actor_types'],
  ['report', 'report_types'],
  ['infrastructure', 'infrastructure_types'],
]);

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Upgrades one STIX 2.0 object to STIX 2.1 without touching the input: `spec_version: "2.1"`,
 * vocabulary labels moved to their 2.1 `*_types` property (when that property is absent), malware
 * marked `is_family: true` (2.0 malware are families), indicators given `pattern_type: "stix"`,
 * observed-data `objects` properties renamed to their 2.1 names, a one-value list identity_class
 * read as its value. References, markings (TLP 1.0 included) and unknown properties are kept.
 */
export function upgradeStix20(object: Record<string, unknown>): Record<string, unknown> {
  const type = typeof object.type === 'string' ? object.type : '';
  const labelTarget = LABELS_MOVED_TO.get(type);
  const moveLabels =
    labelTarget !== undefined && isStringList(object.labels) && object[labelTarget] === undefined;
  const upgraded: Record<string, unknown> = { type: object.type, spec_version: '2.1' };
  for (const key of Object.keys(object)) {
    if (key === 'spec_version' || (moveLabels && key === 'labels')) {
      continue;
    }
    const value = object[key];
    const observed = type === 'observed-data' && key === 'objects' && isRecord(value);
    setOwn(upgraded, key, observed ? upgradeObservedObjects(value) : value);
  }
  if (moveLabels) {
    upgraded[labelTarget] = object.labels;
  }
  if (type === 'malware' && upgraded.is_family === undefined) {
    upgraded.is_family = true;
  }
  if (type === 'indicator' && upgraded.pattern_type === undefined) {
    upgraded.pattern_type = 'stix';
  }
  // Some 2.0 producers (Unit 42 playbooks) wrote identity_class as a one-value list.
  const identityClass = upgraded.identity_class;
  if (type === 'identity' && isStringList(identityClass) && identityClass.length === 1) {
    upgraded.identity_class = identityClass[0];
  }
  return upgraded;
}
