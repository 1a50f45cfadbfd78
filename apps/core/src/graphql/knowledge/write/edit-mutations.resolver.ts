import { Inject } from '@nestjs/common';
import { ID, ObjectType, Resolver } from '@nestjs/graphql';
import type { EditInput } from '@lib/knowledge';
import { accessOf, defineOperation } from '../define-operation.util';
import type { ArgSpec } from '../define-operation.util';
import { DateTimeScalar, StixRefScalar } from '../schema/scalars.constants';
import { knowledgeType } from '../schema/knowledge-types.model';
import type { KnowledgeGraphqlContext } from '../read/knowledge-context.types';
import { EDIT_OBJECTS } from './edit-objects.constants';
import type { EditField, EditObjectSpec } from './edit-objects.constants';
import { EditInput as EditInputType, StixRefRelationshipAddInput } from './mutation-inputs.model';
import { ExportAskInput, StixRefRelationshipsAddInput } from './mutation-inputs.model';
import { KnowledgeWriteService } from './knowledge-write.service';
import type { EditTarget } from './knowledge-write.service';
import { UploadScalar } from './write-scalars.constants';
import { WorkModel } from '../../connectors/work.model';

// Each `…Edit(id)` root answers an EditTarget; the fields of its object type (one per spec in
// EDIT_OBJECTS) apply the edits. The capability each needs is checked by the write services.

/** Base of the generated field resolvers: holds the write service. */
export class EditFieldsResolver {
  constructor(@Inject(KnowledgeWriteService) readonly write: KnowledgeWriteService) {}
}

type FieldRun = (
  write: KnowledgeWriteService,
  ctx: KnowledgeGraphqlContext,
  values: Record<string, unknown>,
  target: EditTarget,
) => Promise<unknown>;

type FieldDefinition = {
  args: ArgSpec[];
  returns: (spec: EditObjectSpec) => unknown;
  run: FieldRun;
};

const str = (v: unknown) => String(v);

/** `restrictionOrganizationAdd/Delete(organizationId: [ID!]!, directContainerSharing)`. */
function sharingField(share: boolean): FieldDefinition {
  return {
    args: [
      { name: 'organizationId', type: () => [ID], required: true },
      { name: 'directContainerSharing', type: () => Boolean },
    ],
    returns: (spec) => knowledgeType(spec.returns),
    run: (w, ctx, v, t) =>
      w.organizationSharing(
        accessOf(ctx),
        t.id,
        (v.organizationId as unknown[]).map(str),
        share,
        v.directContainerSharing === true,
      ),
  };
}

const FIELDS: Record<EditField, FieldDefinition> = {
  fieldPatch: {
    args: [
      { name: 'input', type: () => [EditInputType], required: true },
      { name: 'commitMessage', type: () => String },
      { name: 'references', type: () => [String] },
    ],
    returns: (spec) => knowledgeType(spec.returns),
    run: (w, ctx, v, t) => w.fieldPatch(accessOf(ctx), t.id, v.input as EditInput[]),
  },
  relationAdd: {
    args: [{ name: 'input', type: () => StixRefRelationshipAddInput, required: true }],
    returns: () => knowledgeType('StixRefRelationship'),
    run: (w, ctx, v, t) =>
      w.relationAdd(accessOf(ctx), t.id, v.input as StixRefRelationshipAddInput),
  },
  relationsAdd: {
    args: [{ name: 'input', type: () => StixRefRelationshipsAddInput, required: true }],
    returns: (spec) => knowledgeType(spec.returns),
    run: (w, ctx, v, t) =>
      w.relationsAdd(accessOf(ctx), t.id, v.input as StixRefRelationshipsAddInput),
  },
  relationDelete: {
    args: [
      { name: 'toId', type: () => StixRefScalar, required: true },
      { name: 'relationship_type', type: () => String, required: true },
    ],
    returns: (spec) => knowledgeType(spec.returns),
    run: (w, ctx, v, t) =>
      w.relationDelete(accessOf(ctx), t.id, str(v.toId), str(v.relationship_type)),
  },
  delete: {
    args: [{ name: 'forceDelete', type: () => Boolean }],
    returns: () => ID,
    run: (w, ctx, _v, t) => w.delete(accessOf(ctx), t.id),
  },
  importPush: {
    args: [
      { name: 'file', type: () => UploadScalar, required: true },
      { name: 'version', type: () => DateTimeScalar },
      { name: 'fileMarkings', type: () => [String] },
      { name: 'noTriggerImport', type: () => Boolean },
      { name: 'embedded', type: () => Boolean },
    ],
    returns: () => knowledgeType('File'),
    run: (w, ctx, v, t) =>
      w.fileWrites.importPush(accessOf(ctx), t.id, v.file, {
        fileMarkings: v.fileMarkings,
        noTriggerImport: v.noTriggerImport,
      }),
  },
  exportPush: {
    args: [
      { name: 'file', type: () => UploadScalar, required: true },
      { name: 'file_markings', type: () => [String] },
    ],
    returns: () => Boolean,
    run: (w, ctx, v, t) => w.fileWrites.exportPush(accessOf(ctx), t.id, v.file, v.file_markings),
  },
  exportAsk: {
    args: [{ name: 'input', type: () => ExportAskInput, required: true }],
    returns: () => [knowledgeType('File')],
    run: (w, ctx, v, t) =>
      w.fileWrites.exportAsk(accessOf(ctx), t.id, { ...(v.input as ExportAskInput) }),
  },
  askEnrichment: {
    args: [{ name: 'connectorId', type: () => ID, required: true }],
    returns: () => WorkModel,
    run: (w, ctx, v, t) =>
      w.askEnrichments(accessOf(ctx), t.id, [str(v.connectorId)]).then((works) => works[0]),
  },
  askEnrichments: {
    args: [{ name: 'connectorIds', type: () => [ID], required: true }],
    returns: (spec) => knowledgeType(spec.returns),
    run: async (w, ctx, v, t) => {
      await w.askEnrichments(accessOf(ctx), t.id, (v.connectorIds as unknown[]).map(str));
      return w.node(accessOf(ctx), t.id);
    },
  },
  restrictionOrganizationAdd: sharingField(true),
  restrictionOrganizationDelete: sharingField(false),
  merge: {
    args: [
      { name: 'stixObjectsIds', type: () => [String] },
      { name: 'stixCoreObjectsIds', type: () => [String] },
    ],
    returns: () => knowledgeType('StixObject'),
    run: (w, ctx, v, t) => {
      const ids = (v.stixObjectsIds ?? v.stixCoreObjectsIds ?? []) as string[];
      return w.merge(accessOf(ctx), t.id, ids);
    },
  },
};

function namedClass(name: string): abstract new () => object {
  const holder = { [name]: class {} };
  return holder[name] as abstract new () => object;
}

function namedResolver(name: string): typeof EditFieldsResolver {
  const holder = { [name]: class extends EditFieldsResolver {} };
  return holder[name] as typeof EditFieldsResolver;
}

/** The object type of an edit root (fields added by its resolver). */
function editObjectType(spec: EditObjectSpec): abstract new () => object {
  const target = namedClass(spec.typeName);
  ObjectType(spec.typeName)(target);
  return target;
}

export const EDIT_OBJECT_TYPES: ReadonlyMap<string, abstract new () => object> = new Map(
  EDIT_OBJECTS.map((spec) => [spec.mutation, editObjectType(spec)]),
);

function editResolver(spec: EditObjectSpec) {
  const objectType = EDIT_OBJECT_TYPES.get(spec.mutation) as abstract new () => object;
  const resolver = namedResolver(`${spec.typeName}Resolver`);
  for (const field of spec.fields) {
    const definition = FIELDS[field];
    defineOperation(resolver, {
      kind: 'field',
      name: field,
      args: definition.args,
      returns: () => definition.returns(spec),
      capabilities: [],
      run: (r: EditFieldsResolver, ctx, values, parent) =>
        definition.run(r.write, ctx, values, parent as EditTarget),
    });
  }
  Resolver(() => objectType)(resolver);
  return resolver;
}

/** One field resolver class per edit object type (providers of CoreModule). */
export const EDIT_RESOLVERS = EDIT_OBJECTS.map(editResolver);
