import type { StoredElement } from '@lib/entity-store';
import {
  OCTI_EXTENSION_ID,
  REF_DEFINITIONS,
  refDefinitionByStixProperty,
  refDefinitionsFor,
  stixToAttributeName,
  toStix,
} from '@lib/stix';
import type { RefDefinition, StixTarget } from '@lib/stix';
import { invalidInput } from '../errors/knowledge.error';

// Input keys that steer the operation rather than describe the element.
const CONTROL_KEYS = new Set([
  'stix_id',
  'x_opencti_stix_ids',
  'update',
  'upsertOperations',
  'files',
  'filesMarkings',
  'file',
  'fileMarkings',
  'embedded',
  'noTriggerImport',
  'customFieldValues',
  'x_opencti_workflow_id',
  'createIndicator',
  'createObservables',
  'clientMutationId',
  'fromId',
  'toId',
  'relationship_type',
  'type',
]);

const ALL_REF_INPUTS = new Set(REF_DEFINITIONS.map((d) => d.inputName));

// Platform bookkeeping toStix writes in the OpenCTI extension; an API input carries none of it.
const BOOKKEEPING = ['id', 'created_at', 'updated_at', 'is_inferred', 'creator_ids'];

export type RefInput = { definition: RefDefinition; field: string; ids: string[] };

/** An API input split into the element's attributes, its refs by id, and the id controls. */
export type SplitInput = {
  attributes: Record<string, unknown>;
  refs: RefInput[];
  stixId: string | undefined;
  extraStixIds: string[];
  update: boolean;
};

const isPresent = (value: unknown): boolean => value !== undefined && value !== null;

function idList(field: string, value: unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  // pycti sends "" for an absent single ref (`dataSource: ""`).
  return list
    .filter((id) => isPresent(id) && id !== '')
    .map((id) => {
      if (typeof id !== 'string') {
        throw invalidInput(field, 'must hold ids (strings)');
      }
      return id;
    });
}

/** Splits an input (data-model.md §6 shapes); `null` values are absent. */
export function splitInput(
  entityType: string,
  input: Readonly<Record<string, unknown>>,
): SplitInput {
  const definitions = new Map(refDefinitionsFor(entityType).map((d) => [d.inputName, d]));
  const attributes: Record<string, unknown> = {};
  const refs: RefInput[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!isPresent(value) || CONTROL_KEYS.has(key)) {
      continue;
    }
    const definition = definitions.get(key);
    if (definition) {
      const ids = idList(key, value);
      if (!definition.multiple && ids.length > 1) {
        throw invalidInput(key, 'takes one id');
      }
      if (ids.length > 0) {
        refs.push({ definition, field: key, ids });
      }
    } else if (ALL_REF_INPUTS.has(key)) {
      throw invalidInput(key, `is not a reference of ${entityType}`);
    } else {
      attributes[key] = value;
    }
  }
  const stixId = typeof input.stix_id === 'string' && input.stix_id ? input.stix_id : undefined;
  const extra = isPresent(input.x_opencti_stix_ids)
    ? idList('x_opencti_stix_ids', input.x_opencti_stix_ids)
    : [];
  return {
    attributes,
    refs,
    stixId: stixId?.toLowerCase(),
    extraStixIds: extra.map((id) => id.toLowerCase()),
    update: input.update === true,
  };
}

export type StixDraftInput = {
  entityType: string;
  stixId: string;
  extraStixIds: readonly string[];
  attributes: Readonly<Record<string, unknown>>;
  /** Ref relationship type → the resolved targets. */
  refs: ReadonlyMap<string, readonly StoredElement[]>;
  from?: StoredElement;
  to?: StoredElement;
};

/**
 * The STIX 2.1 object an input stands for, written by the platform's own converter (refs as
 * standard ids, labels/external references/kill chain phases embedded), so that the ingestion
 * pipeline reads it back exactly as it reads an export.
 */
export function inputToStix(draft: StixDraftInput): Record<string, unknown> {
  const targets = new Map<string, StixTarget>();
  const refs: Record<string, string[]> = {};
  for (const [rel, elements] of draft.refs) {
    refs[rel] = elements.map((e) => e.internalId);
    elements.forEach((e) => targets.set(e.internalId, e));
  }
  for (const end of [draft.from, draft.to]) {
    if (end) {
      targets.set(end.internalId, end);
    }
  }
  const stix = toStix(
    {
      internalId: 'input',
      standardId: draft.stixId,
      entityType: draft.entityType,
      stixIds: draft.extraStixIds,
      attributes: draft.attributes,
      refs,
      createdAt: '',
      updatedAt: '',
      fromId: draft.from?.internalId,
      toId: draft.to?.internalId,
    },
    (id) => targets.get(id),
  ) as Record<string, unknown>;
  const octi = (stix.extensions as Record<string, Record<string, unknown>>)[OCTI_EXTENSION_ID];
  BOOKKEEPING.forEach((field) => delete octi?.[field]);
  // OpenCTI creates containers empty and fills them later (pycti's report.create, then
  // add_stix_object_or_stix_relationship); an empty object_refs is what STIX parsing tolerates.
  const holdsObjects = refDefinitionsFor(draft.entityType).some(
    (d) => d.stixProperty === 'object_refs',
  );
  if (holdsObjects && stix.object_refs === undefined) {
    stix.object_refs = [];
  }
  return stix;
}

/** The input field a pipeline rejection names (`created_by_ref` → `createdBy`, `id` → `stix_id`). */
export function inputFieldOf(entityType: string, stixField: string | undefined): string {
  const head = (stixField ?? '').split(/[.[]/)[0] ?? '';
  switch (head) {
    case '':
      return 'input';
    case 'id':
      return 'stix_id';
    case 'source_ref':
    case 'sighting_of_ref':
      return 'fromId';
    case 'target_ref':
    case 'where_sighted_refs':
      return 'toId';
    default:
      return (
        refDefinitionByStixProperty(entityType, head)?.inputName ??
        stixToAttributeName(entityType, head)
      );
  }
}
