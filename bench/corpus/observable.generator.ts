import { scoExtension } from './common-props';
import { FILE_EXTENSIONS, FILE_STEMS } from './corpus-words.constants';
import type { IndicatableObservable, ObservableKind, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';
import { nextDomain, nextEmail, nextIpv4, nextIpv6, nextUrl } from './observable-values';
import { scoId } from './stix-id.util';

const KIND_WEIGHTS: readonly (readonly [ObservableKind, number])[] = [
  ['ipv4-addr', 10],
  ['ipv6-addr', 3],
  ['domain-name', 8],
  ['url', 6],
  ['email-addr', 3],
  ['file', 5],
];
const TOTAL_WEIGHT = KIND_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

// About 45 % of observables get an indicator later (indicators are ~15 % of the corpus).
const INDICATED_SHARE = 0.45;

function pickKind(state: CorpusState): ObservableKind {
  let roll = state.prng.float() * TOTAL_WEIGHT;
  for (const [kind, weight] of KIND_WEIGHTS) {
    roll -= weight;
    if (roll < 0) {
      return kind;
    }
  }
  return 'ipv4-addr';
}

function valueObservable(state: CorpusState, kind: Exclude<ObservableKind, 'file'>): StixRecord {
  let value: string;
  let displayName: string | undefined;
  switch (kind) {
    case 'ipv4-addr':
      value = nextIpv4(state);
      break;
    case 'ipv6-addr':
      value = nextIpv6(state);
      break;
    case 'domain-name':
      value = nextDomain(state);
      break;
    case 'url':
      value = nextUrl(
        state,
        state.prng.chance(0.5) ? state.pool('domain-name').sample()?.name : undefined,
      );
      break;
    case 'email-addr': {
      const email = nextEmail(
        state,
        state.prng.chance(0.3) ? state.pool('domain-name').sample()?.name : undefined,
      );
      value = email.value;
      displayName = state.prng.chance(0.3) ? email.displayName : undefined;
    }
  }
  const object: StixRecord = { type: kind, spec_version: '2.1', id: scoId(kind, { value }), value };
  if (displayName !== undefined) {
    object.display_name = displayName;
  }
  return object;
}

function fileObservable(state: CorpusState): StixRecord {
  const { prng } = state;
  const hashes: Record<string, string> = {};
  if (prng.chance(0.6)) {
    hashes.MD5 = prng.hex(32);
    hashes['SHA-1'] = prng.hex(40);
  }
  hashes['SHA-256'] = prng.hex(64);
  const name = prng.chance(0.6)
    ? `${prng.pick(FILE_STEMS)}.${prng.pick(FILE_EXTENSIONS)}`
    : undefined;
  // STIX 2.1 file id: one hash (MD5 first, then SHA-1, then SHA-256) plus the name when present.
  const oneHash = hashes.MD5 !== undefined ? { MD5: hashes.MD5 } : { 'SHA-256': hashes['SHA-256'] };
  const contributing: StixRecord =
    name === undefined ? { hashes: oneHash } : { hashes: oneHash, name };
  const object: StixRecord = {
    type: 'file',
    spec_version: '2.1',
    id: scoId('file', contributing),
    hashes,
  };
  if (name !== undefined) {
    object.name = name;
  }
  if (prng.chance(0.5)) {
    object.size = prng.between(1024, 8_000_000);
  }
  return object;
}

function indicatableOf(
  kind: ObservableKind,
  object: StixRecord,
  state: CorpusState,
): IndicatableObservable {
  const id = object.id as string;
  if (kind !== 'file') {
    return { kind, id, value: object.value as string };
  }
  const hashes = object.hashes as Record<string, string>;
  if (hashes.MD5 !== undefined && state.prng.chance(0.3)) {
    return { kind, id, value: hashes.MD5, hashAlgorithm: 'MD5' };
  }
  return { kind, id, value: hashes['SHA-256'] ?? '', hashAlgorithm: 'SHA-256' };
}

/** One cyber observable (ipv4/ipv6/domain/url/email/file) with a deterministic STIX id. */
export function generateObservable(state: CorpusState): StixRecord {
  const kind = pickKind(state);
  const object = kind === 'file' ? fileObservable(state) : valueObservable(state, kind);
  object.object_marking_refs = [state.marking()];
  object.extensions = scoExtension(state);
  const indicatable = indicatableOf(kind, object, state);
  state.pool(kind).add({ id: indicatable.id, name: indicatable.value });
  if (state.prng.chance(INDICATED_SHARE)) {
    state.indicatableQueue(kind).push(indicatable);
  }
  state.remember(object, kind);
  return object;
}
