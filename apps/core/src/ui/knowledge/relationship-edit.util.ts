import type { StoredElement } from '@lib/entity-store';
import type { EditInput, RelationshipCreateInput } from '@lib/knowledge';
import { isoOf, localOf } from './entity-form.util';
import { allowedRelationshipTypes } from './relationship-choices.util';
import { readRelationshipForm, relationshipErrors } from './relationship-form.util';
import type { RelationshipFormValues } from './relationship-form.util';

// The edit form of a relationship: its times, confidence and description (fieldPatch edits of
// what changed), and the reversal of its direction when the model allows the reversed pair.

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form's values of a stored relationship. */
export function relationshipValuesOf(rel: StoredElement): RelationshipFormValues {
  return {
    toId: rel.toId ?? '',
    relationshipType: str(rel.attributes.relationship_type),
    start: localOf(rel.attributes.start_time),
    stop: localOf(rel.attributes.stop_time),
    confidence:
      typeof rel.attributes.confidence === 'number' ? String(rel.attributes.confidence) : '',
    description: str(rel.attributes.description),
  };
}

/** Reads a posted edit form: its values (ends and type kept) and errors by field. */
export function parseRelationshipEdit(
  rel: StoredElement,
  body: Record<string, unknown>,
): { values: RelationshipFormValues; errors: Record<string, string> } {
  const posted = readRelationshipForm(body);
  const values = {
    ...posted,
    toId: rel.toId ?? '',
    relationshipType: str(rel.attributes.relationship_type),
  };
  return { values, errors: relationshipErrors(values, [values.relationshipType]) };
}

const sameTime = (before: unknown, after: string | undefined): boolean =>
  typeof before === 'string' && after !== undefined
    ? new Date(before).getTime() === new Date(after).getTime()
    : (before ?? undefined) === after;

/** The `fieldPatch` edits turning the relationship into the form's values: only what changed. */
export function relationshipEditsOf(
  rel: StoredElement,
  values: RelationshipFormValues,
): EditInput[] {
  const edits: EditInput[] = [];
  const set = (key: string, value: string | number | undefined, same: boolean) => {
    if (same) return;
    edits.push(
      value === undefined
        ? { key, value: [], operation: 'remove' }
        : { key, value: [value], operation: 'replace' },
    );
  };
  const start = values.start === '' ? undefined : isoOf(values.start);
  const stop = values.stop === '' ? undefined : isoOf(values.stop);
  set('start_time', start, sameTime(rel.attributes.start_time, start));
  set('stop_time', stop, sameTime(rel.attributes.stop_time, stop));
  const confidence = values.confidence === '' ? undefined : Number(values.confidence);
  set('confidence', confidence, (rel.attributes.confidence ?? undefined) === confidence);
  const description = values.description === '' ? undefined : values.description;
  set('description', description, (rel.attributes.description || undefined) === description);
  return edits;
}

/**
 * Whether the relationship may point the other way: the model allows its type from the target's
 * type to the source's. Answers the reason when it may not.
 */
export function reversalRefusal(
  type: string,
  fromType: string,
  toType: string,
): string | undefined {
  if (allowedRelationshipTypes(toType, fromType).includes(type)) return undefined;
  return `It cannot be reversed: the model does not allow "${type}" from ${toType} to ${fromType}.`;
}

/** The `stixCoreRelationshipAdd` input of the reversed relationship: same content, ends swapped. */
export function reversedInputOf(rel: StoredElement): RelationshipCreateInput {
  const a = rel.attributes;
  const refs = (key: string) => rel.refs[key] ?? [];
  const createdBy = refs('created-by')[0];
  return {
    fromId: rel.toId ?? '',
    toId: rel.fromId ?? '',
    relationship_type: str(a.relationship_type),
    ...(typeof a.description === 'string' && a.description !== ''
      ? { description: a.description }
      : {}),
    ...(typeof a.confidence === 'number' ? { confidence: a.confidence } : {}),
    ...(typeof a.start_time === 'string' ? { start_time: a.start_time } : {}),
    ...(typeof a.stop_time === 'string' ? { stop_time: a.stop_time } : {}),
    ...(createdBy ? { createdBy } : {}),
    objectMarking: refs('object-marking'),
    ...(refs('object-label').length > 0 ? { objectLabel: refs('object-label') } : {}),
    ...(refs('kill-chain-phase').length > 0 ? { killChainPhases: refs('kill-chain-phase') } : {}),
    ...(refs('external-reference').length > 0
      ? { externalReferences: refs('external-reference') }
      : {}),
  };
}
