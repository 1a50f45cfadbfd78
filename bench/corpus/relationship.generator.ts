import { sdoEnvelope } from './common-props';
import { DAY_MS } from './corpus.constants';
import type { PendingRelationship, RefEntry, RefKind, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

// Source kind, relationship type, target kind, weight. Every pair is allowed by data-model.md
// §2.2 (all built-in STIX 2.1 relationships); indicator pairs come from the pending queue.
const PAIRS: readonly (readonly [RefKind, string, RefKind, number])[] = [
  ['intrusion-set', 'uses', 'malware', 6],
  ['intrusion-set', 'uses', 'tool', 3],
  ['intrusion-set', 'uses', 'attack-pattern', 8],
  ['intrusion-set', 'targets', 'sector', 4],
  ['intrusion-set', 'targets', 'organization', 3],
  ['intrusion-set', 'targets', 'country', 4],
  ['intrusion-set', 'targets', 'vulnerability', 2],
  ['intrusion-set', 'attributed-to', 'threat-actor', 2],
  ['intrusion-set', 'originates-from', 'country', 1],
  ['malware', 'uses', 'attack-pattern', 8],
  ['malware', 'uses', 'tool', 1],
  ['malware', 'targets', 'sector', 2],
  ['malware', 'targets', 'country', 2],
  ['malware', 'exploits', 'vulnerability', 3],
  ['malware', 'communicates-with', 'ipv4-addr', 5],
  ['malware', 'communicates-with', 'domain-name', 5],
  ['malware', 'communicates-with', 'url', 2],
  ['malware', 'communicates-with', 'ipv6-addr', 1],
  ['campaign', 'attributed-to', 'intrusion-set', 3],
  ['campaign', 'attributed-to', 'threat-actor', 1],
  ['campaign', 'uses', 'malware', 2],
  ['campaign', 'uses', 'attack-pattern', 2],
  ['campaign', 'targets', 'organization', 3],
  ['campaign', 'targets', 'sector', 2],
  ['campaign', 'targets', 'country', 2],
  ['threat-actor', 'uses', 'malware', 2],
  ['threat-actor', 'uses', 'attack-pattern', 2],
  ['threat-actor', 'targets', 'sector', 1],
  ['threat-actor', 'located-at', 'country', 1],
  ['organization', 'located-at', 'country', 2],
  ['tool', 'targets', 'vulnerability', 1],
  ['attack-pattern', 'targets', 'vulnerability', 1],
];
const TOTAL_WEIGHT = PAIRS.reduce((sum, [, , , weight]) => sum + weight, 0);
// Share of relationship slots that drain the indicator queue (based-on, indicates) first.
const PENDING_SHARE = 0.8;
const RANDOM_ATTEMPTS = 6;

function pickPair(state: CorpusState): readonly [RefKind, string, RefKind, number] | undefined {
  let roll = state.prng.float() * TOTAL_WEIGHT;
  for (const pair of PAIRS) {
    roll -= pair[3];
    if (roll < 0) {
      return pair;
    }
  }
  return undefined;
}

function build(
  state: CorpusState,
  relationshipType: string,
  source: RefEntry,
  target: RefEntry,
  author: RefEntry,
): StixRecord {
  const { prng } = state;
  const relationship = sdoEnvelope(state, 'relationship', author, state.prng.chance(0.2) ? 1 : 0);
  relationship.relationship_type = relationshipType;
  if (prng.chance(0.3)) {
    relationship.description = `${source.name} ${relationshipType.replace(/-/g, ' ')} ${target.name}.`;
  }
  relationship.source_ref = source.id;
  relationship.target_ref = target.id;
  if (relationshipType !== 'based-on' && prng.chance(0.25)) {
    const start = state.nowMs - prng.between(30, 720) * DAY_MS;
    relationship.start_time = state.isoAt(start);
    relationship.stop_time = state.isoAt(start + prng.between(1, 29) * DAY_MS);
  }
  return relationship;
}

function fromPending(state: CorpusState, pending: PendingRelationship): StixRecord {
  const author = state.authors.find((a) => a.id === pending.author) ?? state.author();
  const relationship = build(
    state,
    pending.relationshipType,
    pending.source,
    pending.target,
    author,
  );
  // The indicator's TLP travels with the links derived from it.
  relationship.object_marking_refs = [pending.marking];
  return relationship;
}

function randomRelationship(state: CorpusState): StixRecord | undefined {
  for (let attempt = 0; attempt < RANDOM_ATTEMPTS; attempt += 1) {
    const pair = pickPair(state);
    const source = pair === undefined ? undefined : state.pool(pair[0]).sample();
    const target = pair === undefined ? undefined : state.pool(pair[2]).sample();
    if (pair === undefined || source === undefined || target === undefined) {
      continue;
    }
    // One relationship per (type, source, target): OpenCTI would merge repeats (§3.8).
    if (state.pairs.addIfAbsent(`${pair[1]}|${source.id}|${target.id}`)) {
      return build(state, pair[1], source, target, state.author());
    }
  }
  return undefined;
}

/**
 * One relationship between objects generated earlier: mostly the based-on/indicates links queued
 * by indicators, otherwise a random allowed pair drawn from the reference pools. Undefined when
 * no pair is possible yet (the caller then generates another kind of object).
 */
export function generateRelationship(state: CorpusState): StixRecord | undefined {
  let relationship: StixRecord | undefined;
  if (state.pending.size > 0 && state.prng.chance(PENDING_SHARE)) {
    const pending = state.pending.shift();
    relationship = pending === undefined ? undefined : fromPending(state, pending);
  }
  relationship ??= randomRelationship(state);
  if (relationship !== undefined) {
    const id = relationship.id as string;
    state.pool('relationship').add({ id, name: relationship.relationship_type as string });
    state.remember(relationship, 'relationship');
  }
  return relationship;
}
