import { EXT_OCTI_SCO, LABELS } from './corpus.constants';
import type { RefEntry, StixRecord } from './corpus.types';
import type { CorpusState } from './corpus-state';

/** Up to `max` distinct labels from the small vocabulary (often none). */
export function pickLabels(state: CorpusState, max: number): string[] | undefined {
  const count = state.prng.int(max + 1);
  if (count === 0) {
    return undefined;
  }
  const labels: string[] = [];
  while (labels.length < count) {
    const label = state.prng.pick(LABELS);
    if (!labels.includes(label)) {
      labels.push(label);
    }
  }
  return labels;
}

export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A vendor-report style external reference published by the author. */
export function authorReference(state: CorpusState, author: RefEntry, subject: string): StixRecord {
  const slug = slugOf(subject);
  return {
    source_name: author.name,
    description: `${author.name} analysis of ${subject}`,
    url: `https://intel.${slugOf(author.name)}.example/reports/${slug}-${state.counter('extref')}`,
  };
}

/**
 * The envelope shared by SDOs and SROs: id, times, author, TLP marking, confidence, and the
 * optional labels. Properties that are absent are left out rather than set to undefined.
 */
export function sdoEnvelope(
  state: CorpusState,
  type: string,
  author: RefEntry,
  maxLabels = 2,
): StixRecord {
  const envelope: StixRecord = {
    type,
    spec_version: '2.1',
    id: state.prng.uuid4(`${type}--`),
    created: state.now,
    modified: state.now,
    created_by_ref: author.id,
    object_marking_refs: [state.marking()],
    confidence: 5 * state.prng.between(6, 20),
  };
  const labels = pickLabels(state, maxLabels);
  if (labels !== undefined) {
    envelope.labels = labels;
  }
  return envelope;
}

/**
 * The OpenCTI SCO property extension (data-model.md §5.3): SCOs have no created_by_ref or labels
 * in STIX 2.1, so the platform carries them, and the score, in this extension.
 */
export function scoExtension(state: CorpusState): StixRecord {
  const extension: StixRecord = {
    extension_type: 'property-extension',
    created_by_ref: state.author().id,
    score: 5 * state.prng.between(4, 20),
  };
  const labels = pickLabels(state, 2);
  if (labels !== undefined) {
    extension.labels = labels;
  }
  return { [EXT_OCTI_SCO]: extension };
}
