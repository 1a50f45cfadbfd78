import type { FormChoices } from '../knowledge/form-options.service';
import type { RetentionFormValues } from './retention-form.types';

/** What a rule's filters select, in words ("Types: Report · Labels: old"). */
export function retentionSummary(values: RetentionFormValues, choices: FormChoices): string {
  if (values.advanced) return 'Custom filters (JSON)';
  const names = (ids: readonly string[], list: FormChoices['labels']) =>
    ids.map((id) => list.find((c) => c.id === id)?.label ?? id).join(', ');
  const parts = [
    values.entity_types ? `Types: ${values.entity_types}` : '',
    values.objectLabel.length > 0 ? `Labels: ${names(values.objectLabel, choices.labels)}` : '',
    values.objectMarking.length > 0
      ? `Markings: ${names(values.objectMarking, choices.markings)}`
      : '',
    values.createdBy ? `Author: ${names([values.createdBy], choices.authors)}` : '',
    values.confidence_max ? `Confidence ≤ ${values.confidence_max}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join(' · ') : 'All knowledge';
}
