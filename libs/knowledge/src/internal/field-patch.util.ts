import type { StoredElement } from '@lib/entity-store';
import { invalidInput } from '../errors/knowledge.error';
import type { EditOperation } from '../knowledge.types';

// Attributes holding lists even when one value is given (data-model.md §1.3–1.4).
const LIST_ATTRIBUTES = new Set([
  'aliases',
  'x_opencti_aliases',
  'goals',
  'roles',
  'secondary_motivations',
  'personal_motivations',
  'architecture_execution_envs',
  'implementation_languages',
  'capabilities',
  'x_mitre_platforms',
  'x_mitre_permissions_required',
  'x_opencti_log_sources',
  'protocols',
  'received_lines',
  'languages',
  'authors',
  'x_opencti_additional_names',
  'collection_layers',
  'modules',
  'platforms_affinity',
  'type_affinity',
]);
const NUMERIC_ATTRIBUTES = new Set([
  'confidence',
  'x_opencti_score',
  'x_opencti_order',
  'number_observed',
  'attribute_count',
  'latitude',
  'longitude',
  'precision',
  'x_opencti_epss_score',
  'x_opencti_epss_percentile',
  'number',
  'size',
  'src_port',
  'dst_port',
  'pid',
  'rating',
]);
const BOOLEAN_ATTRIBUTES = new Set([
  'revoked',
  'is_family',
  'x_opencti_detection',
  'x_opencti_negative',
  'x_opencti_cisa_kev',
  'defanged',
  'is_active',
  'is_hidden',
  'is_multipart',
  'is_self_signed',
]);

const isList = (key: string, current: unknown): boolean =>
  Array.isArray(current) || LIST_ATTRIBUTES.has(key) || key.endsWith('_types');

/** pycti sends scalars as strings; store them with the attribute's type. */
function coerce(key: string, value: unknown, current: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  if (NUMERIC_ATTRIBUTES.has(key) || typeof current === 'number') {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) {
      throw invalidInput(key, `'${value}' is not a number`);
    }
    return number;
  }
  if (BOOLEAN_ATTRIBUTES.has(key) || typeof current === 'boolean') {
    if (value !== 'true' && value !== 'false') {
      throw invalidInput(key, `'${value}' is not a boolean`);
    }
    return value === 'true';
  }
  if (key === 'hashes' && value.startsWith('{')) {
    return JSON.parse(value) as unknown;
  }
  return value;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One attribute edit (`EditInput` semantics): the new attributes; the input is not changed. */
export function editAttribute(
  attributes: Readonly<Record<string, unknown>>,
  key: string,
  operation: EditOperation,
  values: readonly unknown[],
): Record<string, unknown> {
  const next = { ...attributes };
  const current = attributes[key];
  const typed = values
    .filter((v) => v !== null && v !== undefined)
    .map((v) => coerce(key, v, Array.isArray(current) ? current[0] : current));
  if (!isList(key, current)) {
    if (operation === 'remove' || typed.length === 0) {
      delete next[key];
    } else {
      next[key] = typed[0];
    }
    return next;
  }
  const list = Array.isArray(current) ? (current as unknown[]) : [];
  const result =
    operation === 'replace'
      ? typed
      : operation === 'add'
        ? [...list, ...typed.filter((v) => !list.some((l) => sameValue(l, v)))]
        : list.filter((l) => !typed.some((v) => sameValue(l, v)));
  if (result.length === 0) {
    delete next[key];
  } else {
    next[key] = result;
  }
  return next;
}

/** `x_opencti_stix_ids` edits: the element's other STIX ids. */
export function editStixIds(
  stixIds: readonly string[],
  operation: EditOperation,
  values: readonly unknown[],
): string[] {
  const ids = values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase());
  switch (operation) {
    case 'replace':
      return [...new Set(ids)];
    case 'add':
      return [...new Set([...stixIds, ...ids])];
    case 'remove':
      return stixIds.filter((id) => !ids.includes(id));
  }
}

/** A marking definition's rank within its type (TLP:RED above TLP:AMBER…); 0 when unset. */
export const orderOf = (marking: StoredElement): number =>
  typeof marking.attributes.x_opencti_order === 'number' ? marking.attributes.x_opencti_order : 0;
/** A marking definition's type (`TLP`, `PAP`, a statement…). */
export const kindOf = (marking: StoredElement): unknown => marking.attributes.definition_type;

/**
 * data-model.md §4.2: adding markings keeps, per definition type, only the highest order; a
 * higher one replaces the lower, a lower one is ignored, a new type is added.
 */
export function addMarkings(
  current: readonly StoredElement[],
  added: readonly StoredElement[],
): string[] {
  let kept = [...current];
  for (const marking of added) {
    if (kept.some((k) => k.internalId === marking.internalId)) {
      continue;
    }
    const sameKind = kept.filter((k) => kindOf(k) === kindOf(marking));
    if (sameKind.some((k) => orderOf(k) > orderOf(marking))) {
      continue;
    }
    kept = kept.filter((k) => kindOf(k) !== kindOf(marking) || orderOf(k) >= orderOf(marking));
    kept.push(marking);
  }
  return kept.map((k) => k.internalId);
}

/** One ref edit on an element's refs; `single` refs (createdBy) hold at most one target. */
export function editRefs(
  refs: Readonly<Record<string, readonly string[]>>,
  rel: string,
  operation: EditOperation,
  targetIds: readonly string[],
  single: boolean,
): Record<string, string[]> {
  const next: Record<string, string[]> = Object.fromEntries(
    Object.entries(refs).map(([k, v]) => [k, [...v]]),
  );
  const current = next[rel] ?? [];
  const result =
    operation === 'replace' || (single && operation === 'add')
      ? [...new Set(targetIds)].slice(0, single ? 1 : undefined)
      : operation === 'add'
        ? [...new Set([...current, ...targetIds])]
        : current.filter((id) => !targetIds.includes(id));
  if (result.length === 0) {
    delete next[rel];
  } else {
    next[rel] = result;
  }
  return next;
}
