import { sdoEnvelope } from './common-props';
import { DAY_MS, EXT_OCTI, INDICATOR_TYPES, KILL_CHAIN_PHASES } from './corpus.constants';
import type {
  IndicatableObservable,
  ObservableKind,
  RefEntry,
  RefKind,
  StixRecord,
} from './corpus.types';
import type { CorpusState } from './corpus-state';

const MAIN_OBSERVABLE_TYPE: Record<ObservableKind, string> = {
  'ipv4-addr': 'IPv4-Addr',
  'ipv6-addr': 'IPv6-Addr',
  'domain-name': 'Domain-Name',
  url: 'Url',
  'email-addr': 'Email-Addr',
  file: 'StixFile',
};
const DESCRIPTIONS: Record<ObservableKind, readonly string[]> = {
  'ipv4-addr': ['Command-and-control server', 'Scanning host', 'Exfiltration endpoint'],
  'ipv6-addr': ['Command-and-control server', 'Proxy node'],
  'domain-name': ['Phishing domain', 'Command-and-control domain', 'Payload delivery domain'],
  url: ['Malware distribution URL', 'Credential phishing page', 'Second-stage download URL'],
  'email-addr': ['Phishing sender address', 'Spam campaign sender'],
  file: ['Malicious payload', 'Dropper sample', 'Weaponised document'],
};
const KIND_ORDER: readonly ObservableKind[] = [
  'ipv4-addr',
  'domain-name',
  'url',
  'file',
  'ipv6-addr',
  'email-addr',
];
const TARGETS: readonly (readonly [RefKind, number])[] = [
  ['malware', 45],
  ['intrusion-set', 25],
  ['campaign', 10],
  ['threat-actor', 8],
  ['tool', 6],
  ['attack-pattern', 6],
];

function comparison(observable: IndicatableObservable): string {
  if (observable.kind === 'file') {
    const path = observable.hashAlgorithm === 'MD5' ? 'MD5' : "'SHA-256'";
    return `[file:hashes.${path} = '${observable.value}']`;
  }
  return `[${observable.kind}:value = '${observable.value}']`;
}

/** Observables the pattern describes: one, or a domain OR url pair; each is used only once. */
function takeObservables(state: CorpusState): IndicatableObservable[] {
  const start = state.prng.int(KIND_ORDER.length);
  for (let i = 0; i < KIND_ORDER.length; i += 1) {
    const kind = KIND_ORDER[(start + i) % KIND_ORDER.length] ?? 'ipv4-addr';
    const first = state.indicatableQueue(kind).shift();
    if (first === undefined) {
      continue;
    }
    if (kind === 'domain-name' && state.prng.chance(0.25)) {
      const url = state.indicatableQueue('url').shift();
      return url === undefined ? [first] : [first, url];
    }
    return [first];
  }
  // Nothing waiting: an indicator on a sample hash never seen as an observable (no based-on).
  return [{ kind: 'file', id: '', value: state.prng.hex(64), hashAlgorithm: 'SHA-256' }];
}

function pickTarget(state: CorpusState): { kind: RefKind; entry: RefEntry } | undefined {
  let roll = state.prng.float() * 100;
  for (const [kind, weight] of TARGETS) {
    roll -= weight;
    if (roll < 0) {
      const entry = state.pool(kind).sample();
      return entry === undefined ? undefined : { kind, entry };
    }
  }
  return undefined;
}

function queueRelationships(
  state: CorpusState,
  indicator: StixRecord,
  observables: IndicatableObservable[],
  target: RefEntry | undefined,
): void {
  const source = { id: indicator.id as string, name: indicator.name as string };
  const author = indicator.created_by_ref as string;
  const marking = (indicator.object_marking_refs as string[])[0] ?? '';
  for (const observable of observables) {
    if (observable.id !== '') {
      const observableRef = { id: observable.id, name: observable.value };
      state.pending.push({
        relationshipType: 'based-on',
        source,
        target: observableRef,
        author,
        marking,
      });
    }
  }
  if (target !== undefined) {
    state.pending.push({ relationshipType: 'indicates', source, target, author, marking });
  }
}

/** One STIX-pattern indicator on earlier observables; its based-on/indicates links are queued. */
export function generateIndicator(state: CorpusState): StixRecord {
  const { prng } = state;
  const observables = takeObservables(state);
  const main = observables[0] ?? { kind: 'file', id: '', value: '' };
  const target = prng.chance(0.75) ? pickTarget(state)?.entry : undefined;
  const indicator = sdoEnvelope(state, 'indicator', state.author());
  const about = prng.pick(DESCRIPTIONS[main.kind]);
  indicator.name = main.value;
  indicator.description =
    target === undefined ? `${about}.` : `${about} associated with ${target.name}.`;
  indicator.pattern = observables.map(comparison).join(' OR ');
  indicator.pattern_type = 'stix';
  indicator.pattern_version = '2.1';
  indicator.valid_from = state.now;
  if (prng.chance(0.7)) {
    indicator.valid_until = state.isoAt(state.nowMs + prng.between(30, 365) * DAY_MS);
  }
  indicator.indicator_types = [prng.pick(INDICATOR_TYPES)];
  if (prng.chance(0.3)) {
    indicator.kill_chain_phases = [
      { kill_chain_name: 'mitre-attack', phase_name: prng.pick(KILL_CHAIN_PHASES) },
    ];
  }
  indicator.extensions = {
    [EXT_OCTI]: {
      extension_type: 'property-extension',
      score: 5 * prng.between(4, 20),
      main_observable_type: MAIN_OBSERVABLE_TYPE[main.kind],
      detection: prng.chance(0.8),
    },
  };
  queueRelationships(state, indicator, observables, target);
  state.pool('indicator').add({ id: indicator.id as string, name: main.value });
  state.remember(indicator, 'indicator');
  return indicator;
}
