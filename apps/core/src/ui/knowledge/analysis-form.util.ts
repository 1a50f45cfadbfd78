import type { EntityCreateInput } from '@lib/knowledge';
import { formList, formText, percentError } from './observable-form.util';

// The note and opinion create forms: what they ask, how a posted form reads (per-field errors
// shown back with a 400) and the `noteAdd` / `opinionAdd` input it becomes.

export type AnalysisKind = 'Note' | 'Opinion';

/** The opinion vocabulary (opinion_ov), from the most negative. */
export const OPINION_VALUES = [
  'strongly-disagree',
  'disagree',
  'neutral',
  'agree',
  'strongly-agree',
] as const;

export const isAnalysisKind = (type: string): type is AnalysisKind =>
  type === 'Note' || type === 'Opinion';

export type AnalysisFormValues = {
  /** Note: the content (required); opinion: the explanation. */
  text: string;
  /** Note: the abstract; opinion: the opinion value. */
  summary: string;
  confidence: string;
  createdBy: string;
  objectMarking: string[];
  objectLabel: string[];
  /** Internal ids of the entities it is about. */
  objects: string[];
};

export const emptyAnalysisForm = (about: readonly string[] = []): AnalysisFormValues => ({
  text: '',
  summary: '',
  confidence: '',
  createdBy: '',
  objectMarking: [],
  objectLabel: [],
  objects: [...about],
});

const MAX_OBJECTS = 200;

/** Reads a posted note or opinion form. */
export function parseAnalysisForm(
  kind: AnalysisKind,
  body: Record<string, unknown>,
): { values: AnalysisFormValues; errors: Record<string, string> } {
  const note = kind === 'Note';
  const values: AnalysisFormValues = {
    text: formText(note ? body.content : body.explanation),
    summary: formText(note ? body.attribute_abstract : body.opinion).trim(),
    confidence: formText(body.confidence).trim(),
    createdBy: formText(body.createdBy),
    objectMarking: formList(body.objectMarking),
    objectLabel: formList(body.objectLabel),
    objects: formList(body.objects).slice(0, MAX_OBJECTS),
  };
  const errors: Record<string, string> = {};
  if (note && values.text.trim() === '') errors.content = 'The content is required.';
  if (!note && !(OPINION_VALUES as readonly string[]).includes(values.summary)) {
    errors.opinion = `The opinion is one of ${OPINION_VALUES.join(', ')}.`;
  }
  const confidence = percentError(values.confidence, 'Confidence');
  if (confidence) errors.confidence = confidence;
  if (values.objects.length === 0) {
    errors.objects = `Pick at least one entity the ${note ? 'note' : 'opinion'} is about.`;
  }
  return { values, errors };
}

/** The `noteAdd` / `opinionAdd` input of a valid form. */
export function analysisInputOf(kind: AnalysisKind, values: AnalysisFormValues): EntityCreateInput {
  const own =
    kind === 'Note'
      ? {
          content: values.text,
          ...(values.summary !== '' ? { attribute_abstract: values.summary } : {}),
        }
      : {
          opinion: values.summary,
          ...(values.text.trim() !== '' ? { explanation: values.text } : {}),
        };
  return {
    ...own,
    ...(values.confidence !== '' ? { confidence: Number(values.confidence) } : {}),
    ...(values.createdBy !== '' ? { createdBy: values.createdBy } : {}),
    objectMarking: values.objectMarking,
    ...(values.objectLabel.length > 0 ? { objectLabel: values.objectLabel } : {}),
    objects: values.objects,
  };
}
