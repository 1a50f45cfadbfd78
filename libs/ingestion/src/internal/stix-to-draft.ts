import {
  entityTypeInfo,
  isObservableType,
  normalizeObservable,
  refDefinitionByStixProperty,
  resolveEntityType,
  stixToAttributeName,
} from '@lib/stix';
import { INLINE_EXTERNAL_REFERENCES } from '@lib/stix';
import type { StixObject } from '@lib/stix';
import type { ElementDraft, EmbeddedDraft } from './draft.types';
import { externalReferenceDraft, killChainPhaseDraft, labelDraft } from './embedded-meta.util';
import { markingDefinitionAttributes } from './marking-definition.util';
import { normalizeAliases } from './normalize-aliases.util';
import {
  MITRE_EXTENSION,
  MITRE_FIELD_ATTRIBUTES,
  OCTI_EXTENSION,
  OCTI_FIELD_ATTRIBUTES,
  OCTI_SCO_EXTENSION,
  STRUCTURAL_PROPERTIES,
} from './octi-extensions.constants';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

// Sources of x_mitre_id when not given (pycti's import rules): the external id of the last
// external reference of an ATT&CK-family source.
const MITRE_ID_SOURCES: Record<string, (source: string) => boolean> = {
  'Attack-Pattern': (source) => source.startsWith('mitre-'),
  'Course-Of-Action': (source) =>
    ['mitre-attack', 'mitre-pre-attack', 'mitre-mobile-attack', 'amitt-attack'].includes(source),
};

class DraftBuilder {
  readonly draft: ElementDraft;

  constructor(index: number, object: StixObject, entityType: string) {
    const info = entityTypeInfo(entityType);
    this.draft = {
      index,
      stixId: object.id.toLowerCase(),
      stixType: object.type,
      entityType,
      baseType: info?.baseType ?? 'ENTITY',
      attributes: {},
      refs: {},
      singleRefs: new Set(),
      embedded: [],
      extraStixIds: [],
      warnings: [],
    };
  }

  addRef(relationshipType: string, targets: string[], single: boolean): void {
    if (targets.length === 0) {
      return;
    }
    const current = this.draft.refs[relationshipType] ?? [];
    this.draft.refs[relationshipType] = [
      ...new Set([...current, ...targets.map((t) => t.toLowerCase())]),
    ];
    if (single) {
      this.draft.singleRefs.add(relationshipType);
    }
  }

  addEmbedded(relationshipType: string, embedded: (EmbeddedDraft | undefined)[]): void {
    const kept = embedded.filter((e): e is EmbeddedDraft => e !== undefined);
    this.draft.embedded.push(...kept);
    this.addRef(
      relationshipType,
      kept.map((e) => e.standardId),
      false,
    );
  }
}

function readProperty(builder: DraftBuilder, key: string, value: unknown): void {
  const { draft } = builder;
  const ref = refDefinitionByStixProperty(draft.entityType, key);
  if (ref) {
    switch (ref.embedded) {
      case 'label':
        builder.addEmbedded(ref.relationshipType, strings(value).map(labelDraft));
        return;
      case 'external-reference': {
        const references = (Array.isArray(value) ? value : []).filter(isRecord);
        const drafts = references.map(externalReferenceDraft);
        builder.addEmbedded(ref.relationshipType, drafts);
        const inline = references.filter((_, i) => drafts[i] === undefined);
        if (inline.length > 0) {
          draft.attributes[INLINE_EXTERNAL_REFERENCES] = inline;
        }
        return;
      }
      case 'kill-chain-phase':
        builder.addEmbedded(
          ref.relationshipType,
          (Array.isArray(value) ? value : []).filter(isRecord).map(killChainPhaseDraft),
        );
        return;
      case undefined:
        builder.addRef(
          ref.relationshipType,
          strings(value).filter((id) => id.length > 0),
          !ref.multiple,
        );
        return;
    }
  }
  draft.attributes[stixToAttributeName(draft.entityType, key)] = value;
}

function readOctiExtension(builder: DraftBuilder, extension: Record<string, unknown>): void {
  const { draft } = builder;
  for (const field of Object.keys(extension)) {
    const value = extension[field];
    if (value === null || value === undefined) {
      continue;
    }
    const attribute = OCTI_FIELD_ATTRIBUTES[field];
    if (attribute) {
      draft.attributes[attribute] = value;
    } else if (field === 'id' && typeof value === 'string' && UUID.test(value)) {
      draft.internalIdHint = value.toLowerCase();
    } else if (field === 'stix_ids') {
      draft.extraStixIds.push(...strings(value).map((id) => id.toLowerCase()));
    } else if (field === 'granted_refs') {
      builder.addRef('granted', strings(value), false);
    } else if (
      field === 'labels' ||
      field === 'created_by_ref' ||
      field === 'external_references' ||
      field === 'contains_refs'
    ) {
      readProperty(builder, field, value);
    } else if (field.startsWith('cvss')) {
      draft.attributes[`x_opencti_${field}`] = value;
    }
  }
}

function readExtensions(builder: DraftBuilder, extensions: Record<string, unknown>): void {
  const kept: Record<string, unknown> = {};
  for (const [id, extension] of Object.entries(extensions)) {
    if (!isRecord(extension)) {
      kept[id] = extension;
    } else if (id === OCTI_EXTENSION || id === OCTI_SCO_EXTENSION) {
      readOctiExtension(builder, extension);
    } else if (id === MITRE_EXTENSION) {
      for (const [field, value] of Object.entries(extension)) {
        const attribute = MITRE_FIELD_ATTRIBUTES[field];
        if (attribute && value !== null && value !== undefined) {
          builder.draft.attributes[attribute] = value;
        }
      }
    } else {
      // Extensions of other producers (Attack Flow, vendor extensions…) are kept as they are.
      kept[id] = extension;
    }
  }
  if (Object.keys(kept).length > 0) {
    builder.draft.attributes.extensions = kept;
  }
}

function applyTypeRules(draft: ElementDraft, object: StixObject): void {
  const a = draft.attributes;
  normalizeAliases(a);
  const mitreSource = MITRE_ID_SOURCES[draft.entityType];
  if (mitreSource && a.x_mitre_id === undefined && Array.isArray(object.external_references)) {
    for (const ref of object.external_references.filter(isRecord)) {
      if (
        typeof ref.source_name === 'string' &&
        mitreSource(ref.source_name) &&
        typeof ref.external_id === 'string'
      ) {
        a.x_mitre_id = ref.external_id;
      }
    }
  }
  const info = entityTypeInfo(draft.entityType);
  if (info?.parents.includes('Location')) {
    a.x_opencti_location_type = draft.entityType;
  }
  if (draft.entityType === 'Marking-Definition') {
    Object.assign(a, markingDefinitionAttributes(object));
  }
  if (draft.entityType === 'Data-Component' && typeof object.x_mitre_data_source_ref === 'string') {
    delete a.x_mitre_data_source_ref;
    if (object.x_mitre_data_source_ref.length > 0) {
      draft.refs['data-source'] = [object.x_mitre_data_source_ref.toLowerCase()];
      draft.singleRefs.add('data-source');
    }
  }
  if (isObservableType(draft.entityType)) {
    draft.attributes = normalizeObservable(draft.entityType, a);
  }
}

function entityTypeOf(object: StixObject): string {
  if (object.type === 'relationship') {
    return typeof object.relationship_type === 'string' ? object.relationship_type : 'related-to';
  }
  return object.type === 'sighting' ? 'stix-sighting-relationship' : resolveEntityType(object);
}

/**
 * Translates one parsed STIX 2.1 object into a draft: the entity type (data-model.md §1.2),
 * attributes under OpenCTI names, refs as STIX ids, embedded meta objects, OpenCTI extensions read.
 */
export function stixToDraft(index: number, object: StixObject): ElementDraft {
  const entityType = entityTypeOf(object);
  const builder = new DraftBuilder(index, object, entityType);
  const { draft } = builder;
  if (object.type === 'relationship' || object.type === 'sighting') {
    draft.baseType = 'RELATION';
  }
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined || value === null || STRUCTURAL_PROPERTIES.has(key)) {
      continue;
    }
    if (draft.baseType === 'RELATION' && (key === 'source_ref' || key === 'target_ref')) {
      draft[key === 'source_ref' ? 'fromStixId' : 'toStixId'] = strings(value)[0]?.toLowerCase();
    } else if (
      draft.entityType === 'stix-sighting-relationship' &&
      (key === 'sighting_of_ref' || key === 'where_sighted_refs')
    ) {
      const ids = strings(value);
      if (key === 'sighting_of_ref') {
        draft.fromStixId = ids[0]?.toLowerCase();
      } else {
        draft.toStixId = ids[0]?.toLowerCase();
        if (ids.length > 1) {
          draft.warnings.push(
            `where_sighted_refs: only the first of ${ids.length} places is linked`,
          );
          draft.attributes.x_threatloom_where_sighted_refs = ids;
        }
      }
    } else {
      readProperty(builder, key, value);
    }
  }
  if (isRecord(object.extensions)) {
    readExtensions(builder, object.extensions);
  }
  draft.extraStixIds.push(...strings(object.x_opencti_stix_ids).map((id) => id.toLowerCase()));
  if (typeof object.x_opencti_id === 'string' && UUID.test(object.x_opencti_id)) {
    draft.internalIdHint = object.x_opencti_id.toLowerCase();
  }
  builder.addRef('granted', strings(object.x_opencti_granted_refs), false);
  draft.author = draft.refs['created-by']?.[0];
  applyTypeRules(draft, object);
  return draft;
}
