import type { RelationshipCreateInput } from '@lib/knowledge';
import { isoOf } from './entity-form.util';

// The "add a relationship" form: target, type (among the pairs the model allows), start and stop
// times, confidence, description; read with per-field errors.

export type RelationshipFormValues = {
  toId: string;
  relationshipType: string;
  start: string;
  stop: string;
  confidence: string;
  description: string;
};

const text = (value: unknown, max = 10_000): string =>
  typeof value === 'string' ? value.slice(0, max).trim() : '';

export function readRelationshipForm(body: Record<string, unknown>): RelationshipFormValues {
  return {
    toId: text(body.toId, 200),
    relationshipType: text(body.relationship_type, 100),
    start: text(body.start_time, 40),
    stop: text(body.stop_time, 40),
    confidence: text(body.confidence, 10),
    description: text(body.description),
  };
}

/** Errors by field; `allowed` are the relationship types allowed toward the chosen target. */
export function relationshipErrors(
  values: RelationshipFormValues,
  allowed: readonly string[] | undefined,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.toId === '' || allowed === undefined) errors.toId = 'Pick the target in the list.';
  if (values.relationshipType === '') {
    errors.relationship_type = 'Pick a relationship type.';
  } else if (allowed && !allowed.includes(values.relationshipType)) {
    errors.relationship_type = `${values.relationshipType} is not allowed toward this target.`;
  }
  const start = values.start === '' ? undefined : isoOf(values.start);
  const stop = values.stop === '' ? undefined : isoOf(values.stop);
  if (values.start !== '' && !start) errors.start_time = 'Start must be a date and time.';
  if (values.stop !== '' && !stop) errors.stop_time = 'Stop must be a date and time.';
  if (start && stop && stop < start) errors.stop_time = 'Stop must not be before start.';
  if (values.confidence !== '') {
    const n = Number(values.confidence);
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      errors.confidence = 'Confidence is a whole number from 0 to 100.';
    }
  }
  return errors;
}

/** The `stixCoreRelationshipAdd` input of a valid form. */
export function relationshipInputOf(
  fromId: string,
  values: RelationshipFormValues,
): RelationshipCreateInput {
  const start = isoOf(values.start);
  const stop = isoOf(values.stop);
  return {
    fromId,
    toId: values.toId,
    relationship_type: values.relationshipType,
    ...(start ? { start_time: start } : {}),
    ...(stop ? { stop_time: stop } : {}),
    ...(values.confidence !== '' ? { confidence: Number(values.confidence) } : {}),
    ...(values.description !== '' ? { description: values.description } : {}),
  };
}
