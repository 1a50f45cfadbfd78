import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import type { ReturnTypeFuncValue } from '@nestjs/graphql';
import { editableAttributes } from '@lib/knowledge';
import {
  ENTITY_TYPES,
  isObservableType,
  isTypeOf,
  observableInputKey,
  refDefinitionsFor,
} from '@lib/stix';
import { FilterGroupInput, OrderingModeValues } from '../schema/filter-group.input';
import { AnyScalar, DateTimeScalar, StixRefScalar } from '../schema/scalars.constants';
import { leafKind } from '../schema/leaf-kinds.util';
import { graphqlTypeName } from '../schema/type-names.util';
import {
  CREATE_CONTROLS,
  EXTRA_CREATE_FIELDS,
  INPUT_FIELD_KINDS,
  OBSERVABLE_CONTROLS,
} from './mutation-inputs.constants';
import type { InputFieldKind } from './mutation-inputs.constants';
import { StixIdScalar, UploadScalar } from './write-scalars.constants';

// The mutations' input types, built from the model like the output types: a type's editable
// attributes, its refs by input name, and the upsert controls (mutation-inputs.constants.ts).

type InputClass = new () => object;

function newClass(name: string): InputClass {
  const holder = { [name]: class {} };
  return holder[name] as InputClass;
}

export const EditOperationValues = { add: 'add', replace: 'replace', remove: 'remove' } as const;
registerEnumType(EditOperationValues, { name: 'EditOperation' });

/** `fieldPatch` item: an attribute or ref by name, its values, and how to apply them. */
@InputType('EditInput')
export class EditInput {
  @Field(() => String)
  key!: string;

  @Field(() => [AnyScalar], { nullable: 'items' })
  value!: unknown[];

  @Field(() => EditOperationValues, { nullable: true })
  operation?: 'add' | 'replace' | 'remove' | null;

  @Field(() => String, { nullable: true })
  object_path?: string | null;
}

@InputType('HashInput')
export class HashInput {
  @Field(() => String)
  algorithm!: string;

  @Field(() => String)
  hash!: string;
}

/** `relationAdd` / `stixRefRelationshipAdd`: a ref from an element (or `fromId`) to `toId`. */
@InputType('StixRefRelationshipAddInput')
export class StixRefRelationshipAddInput {
  @Field(() => String, { nullable: true })
  fromId?: string | null;

  @Field(() => StixRefScalar, { nullable: true })
  toId!: string;

  @Field(() => String)
  relationship_type!: string;

  @Field(() => StixIdScalar, { nullable: true })
  stix_id?: string | null;

  @Field(() => [String], { nullable: 'itemsAndList' })
  x_opencti_stix_ids?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true })
  created?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  modified?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  start_time?: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  stop_time?: string | null;

  @Field(() => Int, { nullable: true })
  confidence?: number | null;

  @Field(() => String, { nullable: true })
  createdBy?: string | null;

  @Field(() => [String], { nullable: 'itemsAndList' })
  objectMarking?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  update?: boolean | null;
}

@InputType('StixRefRelationshipsAddInput')
export class StixRefRelationshipsAddInput {
  @Field(() => [String])
  toIds!: string[];

  @Field(() => String)
  relationship_type!: string;
}

/** `exportAsk(input:)`: the file's mime type, simple or full, its markings. */
@InputType('StixCoreObjectExportAskInput')
export class ExportAskInput {
  @Field(() => String)
  format!: string;

  @Field(() => String)
  exportType!: string;

  @Field(() => String, {
    nullable: true,
    description: 'One connector; all matching ones if absent',
  })
  connectorId?: string | null;

  @Field(() => [String], { nullable: 'itemsAndList' })
  fileMarkings?: string[] | null;

  @Field(() => [String], { nullable: 'itemsAndList' })
  contentMaxMarkings?: string[] | null;

  @Field(() => String, { nullable: true })
  maxMarkingDefinition?: string | null;
}

/** `uploadAndAskJobImport(connectors:)`: a connector and its import configuration. */
@InputType('ConnectorWithConfig')
export class ConnectorWithConfigInput {
  @Field(() => String)
  connectorId!: string;

  @Field(() => String, { nullable: true })
  configuration?: string | null;
}

function typeOfKind(kind: InputFieldKind): ReturnTypeFuncValue {
  switch (kind) {
    case 'StringList':
      return [String];
    case 'Boolean':
      return Boolean;
    case 'Int':
      return Int;
    case 'Float':
      return Number;
    case 'DateTime':
      return DateTimeScalar;
    case 'Any':
      return AnyScalar;
    case 'StixId':
      return StixIdScalar;
    case 'Uploads':
      return [UploadScalar];
    case 'Hashes':
      return [HashInput];
    case 'Edits':
      return [EditInput];
    default:
      return String;
  }
}

function fieldType(name: string, refs: ReadonlyMap<string, boolean>): ReturnTypeFuncValue {
  const multiple = refs.get(name);
  if (multiple !== undefined) return multiple ? [String] : String;
  return typeOfKind(INPUT_FIELD_KINDS[name] ?? leafKind(name));
}

function defineInput(name: string, fields: Iterable<string>, refs: ReadonlyMap<string, boolean>) {
  const target = newClass(name);
  for (const field of [...new Set(fields)].sort()) {
    const type = fieldType(field, refs);
    const nullable = Array.isArray(type) ? 'itemsAndList' : true;
    Field(() => type, { nullable })(target.prototype as object, field);
  }
  InputType(name)(target);
  return target;
}

const refsOf = (entityTypes: readonly string[]): Map<string, boolean> =>
  new Map(entityTypes.flatMap((t) => refDefinitionsFor(t).map((d) => [d.inputName, d.multiple])));

/** The create input fields of a set of entity types (one type, or a family with `type`). */
function createFields(entityTypes: readonly string[], family: boolean): string[] {
  return [
    ...entityTypes.flatMap((t) => [...editableAttributes(t), ...(EXTRA_CREATE_FIELDS[t] ?? [])]),
    ...refsOf(entityTypes).keys(),
    ...CREATE_CONTROLS,
    ...(family ? ['type'] : []),
  ];
}

/** What a create mutation writes: one concrete type, a family (`identityAdd`), or relationships. */
export type CreateTarget = {
  /** The mutation (`malwareAdd`) and its input type (`MalwareAddInput`). */
  readonly mutation: string;
  readonly input: InputClass;
  /** The entity type given to KnowledgeCreateService.create. */
  readonly entityType: string;
  /** GraphQL return type (a knowledge type or interface). */
  readonly returns: string;
};

const FAMILIES = ['Identity', 'Location'];

const lcfirst = (s: string) => `${s.charAt(0).toLowerCase()}${s.slice(1)}`;

function creatableTypes(): string[] {
  return ENTITY_TYPES.filter(
    (info) =>
      info.baseType === 'ENTITY' &&
      !info.parents.includes('Internal-Object') &&
      !isObservableType(info.entityType),
  ).map((info) => info.entityType);
}

function buildCreateTargets(): CreateTarget[] {
  const targets: CreateTarget[] = creatableTypes().map((entityType) => {
    const name = graphqlTypeName(entityType);
    // Clients send a family's fields to each of its types' creates (`organizationAdd` gets roles).
    const family = FAMILIES.find((f) => isTypeOf(entityType, f));
    const types = family ? creatableTypes().filter((t) => isTypeOf(t, family)) : [entityType];
    const input = defineInput(`${name}AddInput`, createFields(types, !!family), refsOf(types));
    return { mutation: `${lcfirst(name)}Add`, input, entityType, returns: name };
  });
  for (const family of FAMILIES) {
    const members = creatableTypes().filter((t) => isTypeOf(t, family));
    const input = defineInput(`${family}AddInput`, createFields(members, true), refsOf(members));
    targets.push({ mutation: `${lcfirst(family)}Add`, input, entityType: family, returns: family });
  }
  // A core relationship's attributes are those of any relationship type (`related-to`).
  const relationFields = (kind: string, extra: string[]) =>
    defineInput(
      kind === 'stix-core-relationship'
        ? 'StixCoreRelationshipAddInput'
        : 'StixSightingRelationshipAddInput',
      [
        ...createFields([kind === 'stix-core-relationship' ? 'related-to' : kind], false),
        ...(EXTRA_CREATE_FIELDS[kind] ?? []),
        ...extra,
      ],
      refsOf([kind]),
    );
  targets.push(
    {
      mutation: 'stixCoreRelationshipAdd',
      input: relationFields('stix-core-relationship', ['fromId', 'toId', 'relationship_type']),
      entityType: 'stix-core-relationship',
      returns: 'StixCoreRelationship',
    },
    {
      mutation: 'stixSightingRelationshipAdd',
      input: relationFields('stix-sighting-relationship', ['fromId', 'toId', 'relationship_type']),
      entityType: 'stix-sighting-relationship',
      returns: 'StixSightingRelationship',
    },
  );
  return targets;
}

/** Every `<type>Add` mutation. */
export const CREATE_TARGETS: readonly CreateTarget[] = buildCreateTargets();

// Observable types clients know that the model does not store yet: their inputs exist so that
// a client's `stixCyberObservableAdd` declaring them validates; creating one is refused by type.
const UNMODELLED_OBSERVABLE_INPUTS = ['AIPrompt', 'ICCID', 'IMEI', 'IMSI'];

function observableInputs(): Map<string, InputClass> {
  const inputs = new Map<string, InputClass>();
  for (const info of ENTITY_TYPES.filter((i) => isObservableType(i.entityType))) {
    const key = observableInputKey(info.entityType);
    if (!key) continue;
    const refs = refsOf([info.entityType]);
    const fields = [
      ...editableAttributes(info.entityType),
      ...(info.entityType === 'StixFile' || info.entityType === 'Artifact'
        ? ['x_opencti_additional_names']
        : []),
      ...[...refs.keys()].filter((f) => !TOP_LEVEL_OBSERVABLE_REFS.has(f)),
      ...OBSERVABLE_CONTROLS,
    ];
    inputs.set(key, defineInput(`${key}AddInput`, fields, refs));
  }
  for (const key of UNMODELLED_OBSERVABLE_INPUTS) {
    inputs.set(key, defineInput(`${key}AddInput`, ['value', ...OBSERVABLE_CONTROLS], new Map()));
  }
  return inputs;
}

// Refs every observable takes as `stixCyberObservableAdd` arguments, not in its sub-input.
const TOP_LEVEL_OBSERVABLE_REFS = new Set([
  'createdBy',
  'objectMarking',
  'objectLabel',
  'externalReferences',
  'objectOrganization',
]);

/** `stixCyberObservableAdd`'s typed sub-inputs: input key (`IPv4Addr`) → input class. */
export const OBSERVABLE_INPUTS: ReadonlyMap<string, InputClass> = observableInputs();

/** `exportContext`: the type of the exported list, and the element it is shown in. */
@InputType('ExportContext')
export class ExportContextInput {
  @Field(() => String)
  entity_type!: string;

  @Field(() => String, { nullable: true })
  entity_id?: string | null;
}

/** `stix…ExportAsk(input:)` of a list: picked ids, or the list's query. */
export type ListExportAskValues = {
  format: string;
  exportType: string;
  exportContext?: ExportContextInput | null;
  connectorId?: string | null;
  fileMarkings?: string[] | null;
  contentMaxMarkings?: string[] | null;
  maxMarkingDefinition?: string | null;
  selectedIds?: string[] | null;
  search?: string | null;
  filters?: FilterGroupInput | null;
  orderBy?: string | null;
  orderMode?: 'asc' | 'desc' | null;
};

const listExportInputs = new Map<string, new () => ListExportAskValues>();

/** The input type of one list's export mutation (`StixCoreObjectsExportAskInput`…). */
export function listExportAskInput(name: string, ordering: object): new () => ListExportAskValues {
  const known = listExportInputs.get(name);
  if (known) return known;
  @InputType(name)
  class ListExportAskInput extends ExportAskInput implements ListExportAskValues {
    @Field(() => ExportContextInput, { nullable: true })
    exportContext?: ExportContextInput | null;

    @Field(() => [String], { nullable: 'itemsAndList' })
    selectedIds?: string[] | null;

    @Field(() => String, { nullable: true })
    search?: string | null;

    @Field(() => FilterGroupInput, { nullable: true })
    filters?: FilterGroupInput | null;

    @Field(() => ordering, { nullable: true })
    orderBy?: string | null;

    @Field(() => OrderingModeValues, { nullable: true })
    orderMode?: 'asc' | 'desc' | null;
  }
  listExportInputs.set(name, ListExportAskInput);
  return ListExportAskInput;
}
