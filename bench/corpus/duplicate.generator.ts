import { cloneJson } from './clone-json.util';
import { DAY_MS, LABELS } from './corpus.constants';
import type { DuplicateKind, RefKind, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

export type Duplicate = { kind: DuplicateKind; object: StixRecord };

// Types that carry a name (or, for indicators, a pattern) identifying the same entity again.
const NAMED = new Set([
  'malware',
  'intrusion-set',
  'threat-actor',
  'campaign',
  'attack-pattern',
  'tool',
  'vulnerability',
  'identity',
  'location',
  'indicator',
]);
// Types with a STIX 2.1 `aliases` property.
const ALIASED = new Set(['malware', 'intrusion-set', 'threat-actor', 'campaign', 'tool']);

function refKindOf(object: StixRecord): RefKind {
  const type = object.type as string;
  if (type === 'identity') {
    return object.identity_class === 'class' ? 'sector' : 'organization';
  }
  return type === 'location' ? 'country' : (type as RefKind);
}

/** (a) the very same object again: same id, same content, first emitted in an earlier bundle. */
function exactRepeat(state: CorpusState): StixRecord | undefined {
  const index = state.duplicates.find((entry) => entry.bundle < state.bundleIndex);
  const entry = state.duplicates.get(index);
  if (entry === undefined) {
    return undefined;
  }
  // At most one copy per bundle: the validator flags equal ids with equal `modified` in a bundle.
  state.duplicates.replace(index, { ...entry, bundle: state.bundleIndex });
  return cloneJson(entry.object);
}

/** (b) the same entity (name or pattern) published again by another author under a new id. */
function republish(state: CorpusState): StixRecord | undefined {
  const entry = state.duplicates.get(state.duplicates.find((e) => NAMED.has(e.type)));
  if (entry === undefined) {
    return undefined;
  }
  const object = cloneJson(entry.object);
  const author = state.otherAuthor(object.created_by_ref);
  object.id = state.prng.uuid4(`${entry.type}--`);
  object.created = state.now;
  object.modified = state.now;
  object.created_by_ref = author.id;
  object.object_marking_refs = [state.marking()];
  object.confidence = 5 * state.prng.between(6, 20);
  if (entry.type === 'indicator') {
    object.valid_from = state.now;
    if (object.valid_until !== undefined) {
      object.valid_until = state.isoAt(state.nowMs + 90 * DAY_MS);
    }
  }
  state.pool(refKindOf(object)).add({ id: object.id as string, name: object.name as string });
  state.remember(object, entry.type);
  return object;
}

function addLabel(state: CorpusState, object: StixRecord): void {
  const labels = Array.isArray(object.labels) ? (object.labels as string[]) : [];
  const start = state.prng.int(LABELS.length);
  for (let i = 0; i < LABELS.length; i += 1) {
    const label = LABELS[(start + i) % LABELS.length];
    if (label !== undefined && !labels.includes(label)) {
      object.labels = [...labels, label];
      return;
    }
  }
}

/** (c) a newer version of an earlier object: same id, later `modified`, one more alias or label. */
function update(state: CorpusState): StixRecord | undefined {
  const index = state.duplicates.find((e) => NAMED.has(e.type));
  const entry = state.duplicates.get(index);
  if (entry === undefined) {
    return undefined;
  }
  const object = cloneJson(entry.object);
  object.modified = state.now;
  object.confidence = Math.min(100, ((object.confidence as number | undefined) ?? 50) + 5);
  const aliases = Array.isArray(object.aliases) ? (object.aliases as string[]) : [];
  // "Name (Vendor)" cannot be any entity's name, so the alias never merges two entities.
  const alias = `${object.name as string} (${state.otherAuthor(object.created_by_ref).name})`;
  if (ALIASED.has(entry.type) && !aliases.includes(alias)) {
    object.aliases = [...aliases, alias];
  } else {
    addLabel(state, object);
  }
  state.duplicates.replace(index, {
    object: cloneJson(object),
    type: entry.type,
    bundle: state.bundleIndex,
  });
  return object;
}

/** A deliberate duplicate of the given kind, or undefined when no suitable earlier object exists. */
export function generateDuplicate(state: CorpusState, kind: DuplicateKind): Duplicate | undefined {
  let object: StixRecord | undefined;
  switch (kind) {
    case 'exact':
      object = exactRepeat(state);
      break;
    case 'republished':
      object = republish(state);
      break;
    case 'updated':
      object = update(state);
      break;
  }
  return object === undefined ? undefined : { kind, object };
}
