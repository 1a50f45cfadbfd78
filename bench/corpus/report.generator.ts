import { authorReference, sdoEnvelope } from './common-props';
import { REPORT_TYPES } from './corpus.constants';
import type { RefKind, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

// What reports contain, by weight: mostly indicators, observables and the relationships between.
const CONTENT: readonly (readonly [RefKind, number])[] = [
  ['indicator', 25],
  ['relationship', 25],
  ['ipv4-addr', 8],
  ['domain-name', 7],
  ['url', 5],
  ['file', 5],
  ['malware', 6],
  ['intrusion-set', 4],
  ['attack-pattern', 5],
  ['vulnerability', 3],
  ['campaign', 2],
  ['threat-actor', 2],
  ['tool', 1],
  ['organization', 1],
  ['country', 1],
];
// One slot per unit of weight: picking a content kind is a single random index.
const CONTENT_SLOTS: readonly RefKind[] = CONTENT.flatMap(([kind, weight]) =>
  Array<RefKind>(weight).fill(kind),
);
const TOPICS: readonly RefKind[] = ['malware', 'intrusion-set', 'campaign', 'threat-actor'];

function objectRefs(state: CorpusState, wanted: number, topicId: string | undefined): string[] {
  const refs = new Set<string>();
  if (topicId !== undefined) {
    refs.add(topicId);
  }
  for (let attempt = 0; refs.size < wanted && attempt < wanted * 4; attempt += 1) {
    const entry = state.pool(state.prng.pick(CONTENT_SLOTS)).sample();
    if (entry !== undefined) {
      refs.add(entry.id);
    }
  }
  return Array.from(refs);
}

/**
 * One report referencing 5-50 objects generated earlier (same or previous bundles); undefined when
 * too few objects exist yet.
 */
export function generateReport(state: CorpusState): StixRecord | undefined {
  const { prng } = state;
  const topic = state.pool(prng.pick(TOPICS)).sample();
  const refs = objectRefs(state, prng.between(5, 50), topic?.id);
  if (refs.length < 5) {
    return undefined;
  }
  const author = state.author();
  const number = state.counter('report') + 1;
  const subject = topic === undefined ? 'recent malicious activity' : topic.name;
  const report = sdoEnvelope(state, 'report', author);
  report.name = `${author.name}: ${subject} activity update #${number}`;
  report.description = `Indicators and context on ${subject} collected by ${author.name}.`;
  report.report_types = [prng.pick(REPORT_TYPES)];
  report.published = state.now;
  report.object_refs = refs;
  if (prng.chance(0.5)) {
    report.external_references = [authorReference(state, author, `${subject} update ${number}`)];
  }
  state.pool('report').add({ id: report.id as string, name: report.name as string });
  state.remember(report, 'report');
  return report;
}
