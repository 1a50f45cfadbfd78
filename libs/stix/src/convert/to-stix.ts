import { attributeToStixName } from '../model/attribute-names.util';
import { isObservableType } from '../model/is-observable-type.util';
import { refDefinitionsFor } from '../model/ref-definitions.util';
import { stixTypeOf } from '../model/stix-type-of.util';
import { isStixCoreRelationshipType } from '../model/is-stix-core-relationship-type.util';
import type { StixObject } from '../parse/stix-parse.types';
import {
  EXTENSION_FIELDS,
  INLINE_EXTERNAL_REFERENCES,
  MITRE_EXTENSION_FIELDS,
  NEW_SDO_TYPES,
  OCTI_EXTENSION_ID,
  OCTI_SCO_EXTENSION_ID,
  MITRE_EXTENSION_ID,
  MITRE_EXTENSION_TYPES,
} from './stix-extensions.constants';
import { storedMemberList } from './stored-member-list.util';

/** A stored element as the converter needs it (structurally, the entity store's StoredElement). */
export type StixSource = {
  internalId: string;
  standardId: string;
  entityType: string;
  stixIds: readonly string[];
  attributes: Readonly<Record<string, unknown>>;
  refs: Readonly<Record<string, readonly string[]>>;
  createdAt: string;
  updatedAt: string;
  fromId?: string;
  toId?: string;
};

/** Refs whose STIX form is made of their target's attributes (embedded values, not ids). */
export const EMBEDDED_REF_TYPES: ReadonlySet<string> = new Set([
  'object-label',
  'external-reference',
  'kill-chain-phase',
]);

/** A referenced element, whole. */
export type StixTarget = {
  standardId: string;
  entityType: string;
  attributes: Readonly<Record<string, unknown>>;
};

/**
 * What the converter needs of a referenced element: its standard id, and its attributes when the
 * ref is one of the embedded forms (`EMBEDDED_REF_TYPES`): for other refs, a head is enough.
 */
export type StixRefTarget = Omit<StixTarget, 'attributes'> & {
  attributes?: StixTarget['attributes'];
};

export type RefTargetLookup = (internalId: string) => StixRefTarget | undefined;

export type TargetLookup = (internalId: string) => StixTarget | undefined;

const SENTINELS = new Set(['1970-01-01T00:00:00.000Z', '5138-11-16T09:46:40.000Z']);
const PLATFORM_ONLY = new Set([
  'creator_id',
  'i_unresolved_refs',
  'i_outside_model',
  INLINE_EXTERNAL_REFERENCES,
]);
const V1_UUID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-1/i;

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0);

/** A ref's STIX value: the target's standard id, or its embedded form. */
function embeddedForm(rel: string, target: StixRefTarget): unknown {
  if (!EMBEDDED_REF_TYPES.has(rel)) {
    return target.standardId;
  }
  const a = target.attributes;
  if (a === undefined) {
    throw new Error(`The ${rel} ${target.standardId} was given without its attributes`);
  }
  if (rel === 'object-label') {
    return a.value;
  }
  return rel === 'external-reference'
    ? pick(a, ['source_name', 'description', 'url', 'hashes', 'external_id'])
    : pick(a, ['kill_chain_name', 'phase_name']);
}

function pick(source: Readonly<Record<string, unknown>>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (!isEmpty(source[key])) {
      out[key] = source[key];
    }
  }
  return out;
}

function writeRefs(
  element: StixSource,
  lookup: RefTargetLookup,
  top: Record<string, unknown>,
  ext: Record<string, unknown>,
  sco: Record<string, unknown> | undefined,
): void {
  const unresolved = (element.attributes.i_unresolved_refs ?? {}) as Record<string, string[]>;
  for (const def of refDefinitionsFor(element.entityType)) {
    const rel = def.relationshipType;
    const ids = element.refs[rel];
    const pending = unresolved[rel];
    const inline =
      rel === 'external-reference'
        ? (element.attributes[INLINE_EXTERNAL_REFERENCES] as unknown[] | undefined)
        : undefined;
    if (!ids?.length && !pending?.length && !inline?.length) {
      continue;
    }
    const values: unknown[] = [];
    for (const id of ids ?? []) {
      const target = lookup(id);
      if (target !== undefined) {
        values.push(embeddedForm(rel, target));
      }
    }
    if (inline) {
      values.push(...inline);
    }
    if (pending) {
      values.push(...pending);
    }
    if (values.length === 0) {
      continue;
    }
    if (rel === 'granted') {
      ext.granted_refs = values;
      continue;
    }
    // Observables carry labels, author and external references in the SCO extension (§5.3).
    const holder =
      sco && (rel === 'object-label' || rel === 'created-by' || rel === 'external-reference')
        ? sco
        : top;
    holder[def.stixProperty] = def.multiple ? values : values[0];
  }
}

function writeAttributes(
  element: StixSource,
  top: Record<string, unknown>,
  ext: Record<string, unknown>,
  mitre: Record<string, unknown>,
  sco: Record<string, unknown> | undefined,
): void {
  const observable = sco !== undefined;
  for (const name of Object.keys(element.attributes)) {
    const value = element.attributes[name];
    if (
      isEmpty(value) ||
      PLATFORM_ONLY.has(name) ||
      (typeof value === 'string' && SENTINELS.has(value))
    ) {
      continue;
    }
    if (
      observable &&
      (name === 'confidence' ||
        name === 'created' ||
        name === 'modified' ||
        name === 'lang' ||
        name === 'revoked')
    ) {
      continue;
    }
    const field = EXTENSION_FIELDS[name];
    if (field) {
      (observable && (field === 'description' || field === 'score' || field === 'additional_names')
        ? sco
        : ext)[field] = name === 'restricted_members' ? storedMemberList(value) : value;
      continue;
    }
    const mitreField = MITRE_EXTENSION_FIELDS[name];
    if (mitreField && MITRE_EXTENSION_TYPES.has(element.entityType)) {
      mitre[mitreField] = value;
    }
    if (name === 'extensions' && typeof value === 'object') {
      continue;
    }
    top[attributeToStixName(element.entityType, name)] = value;
  }
}

/**
 * The platform's STIX 2.1 form of a stored element (data-model.md §5): standard id, STIX property
 * names, refs as standard ids or embedded values, OpenCTI data in the OpenCTI extensions, and every
 * custom property kept.
 */
export function toStix(element: StixSource, lookup: RefTargetLookup): StixObject {
  const type = stixTypeOf(element.entityType);
  const observable = isObservableType(element.entityType);
  const top: Record<string, unknown> = { id: element.standardId, spec_version: '2.1', type };
  const ext: Record<string, unknown> = {
    extension_type: NEW_SDO_TYPES.has(element.entityType)
      ? 'new-sdo'
      : type === 'relationship' && !isStixCoreRelationshipType(element.entityType)
        ? 'new-sro'
        : 'property-extension',
    id: element.internalId,
    type: element.entityType,
    created_at: element.createdAt,
    updated_at: element.updatedAt,
    stix_ids: element.stixIds.filter((id) => !V1_UUID.test(id)),
    is_inferred: false,
    creator_ids: element.attributes.creator_id ?? [],
  };
  const mitre: Record<string, unknown> = {};
  const sco: Record<string, unknown> | undefined = observable
    ? { extension_type: 'property-extension' }
    : undefined;
  if (element.fromId && element.toId) {
    const from = lookup(element.fromId);
    const to = lookup(element.toId);
    if (type === 'sighting') {
      top.sighting_of_ref = from?.standardId;
      top.where_sighted_refs = to ? [to.standardId] : [];
    } else {
      top.relationship_type = element.entityType;
      top.source_ref = from?.standardId;
      top.target_ref = to?.standardId;
    }
  }
  writeAttributes(element, top, ext, mitre, sco);
  writeRefs(element, lookup, top, ext, sco);
  if (element.entityType === 'Marking-Definition') {
    writeStatementDefinition(top);
  }
  const given = element.attributes.extensions;
  const extensions: Record<string, unknown> =
    typeof given === 'object' && given !== null ? { ...(given as Record<string, unknown>) } : {};
  extensions[OCTI_EXTENSION_ID] = withoutEmptyLists(ext);
  if (sco) {
    extensions[OCTI_SCO_EXTENSION_ID] = withoutEmptyLists(sco);
  }
  if (Object.keys(mitre).length > 0) {
    extensions[MITRE_EXTENSION_ID] = withoutEmptyLists({
      extension_type: 'property-extension',
      ...mitre,
    });
  }
  const out = withoutEmptyLists(top);
  out.extensions = extensions;
  return out as StixObject;
}

/**
 * A statement marking's definition as STIX 2.1 has it, `{ statement: text }` (the store keeps the
 * text, as OpenCTI does), and its text as `name`: a bare string is invalid STIX (stix2-validator
 * refuses ATT&CK's copyright marking so), and pycti reads either form. TLP and custom types (PAP…)
 * keep the stored text, which STIX allows for a custom definition type.
 */
function writeStatementDefinition(top: Record<string, unknown>): void {
  const { definition, definition_type: definitionType } = top;
  if (typeof definition !== 'string' || String(definitionType).toLowerCase() !== 'statement') {
    return;
  }
  top.definition_type = 'statement';
  top.definition = { statement: definition };
  top.name ??= definition;
}

/** STIX 2.1 §3.8: a list property is present with at least one value, or absent. */
function withoutEmptyLists(record: Record<string, unknown>): Record<string, unknown> {
  // Copies only when there is something to drop: most records have no empty list.
  let empty = false;
  for (const key in record) {
    const value = record[key];
    if (Array.isArray(value) && value.length === 0) {
      empty = true;
      break;
    }
  }
  if (!empty) {
    return record;
  }
  const out: Record<string, unknown> = {};
  for (const key in record) {
    const value = record[key];
    if (!(Array.isArray(value) && value.length === 0)) {
      out[key] = value;
    }
  }
  return out;
}
