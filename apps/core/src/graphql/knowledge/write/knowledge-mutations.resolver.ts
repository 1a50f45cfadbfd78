import { Inject } from '@nestjs/common';
import { ID, Int, Resolver } from '@nestjs/graphql';
import type { Capability } from '@lib/rbac';
import type { EditInput, EntityCreateInput, ObservableCreateInput } from '@lib/knowledge';
import { ANNOTATION_CAPABILITIES, PARTICIPATION_TYPES } from '@lib/knowledge';
import { accessOf, defineOperation } from '../define-operation.util';
import type { ArgSpec } from '../define-operation.util';
import { StixRefScalar } from '../schema/scalars.constants';
import { knowledgeType } from '../schema/knowledge-types.model';
import type { KnowledgeGraphqlContext } from '../read/knowledge-context.types';
import { EDIT_OBJECTS, FIELD_PATCH_ROOTS, RELATION_ROOTS } from './edit-objects.constants';
import { EDIT_OBJECT_TYPES } from './edit-mutations.resolver';
import {
  CREATE_TARGETS,
  EditInput as EditInputType,
  OBSERVABLE_INPUTS,
  StixRefRelationshipAddInput,
} from './mutation-inputs.model';
import { KnowledgeWriteService } from './knowledge-write.service';
import { StixIdScalar } from './write-scalars.constants';

/** The knowledge mutations: creates, edit roots, container shortcuts, bundle push. */
@Resolver()
export class KnowledgeMutationsResolver {
  constructor(@Inject(KnowledgeWriteService) readonly write: KnowledgeWriteService) {}
}

type Run = (
  write: KnowledgeWriteService,
  ctx: KnowledgeGraphqlContext,
  values: Record<string, unknown>,
) => Promise<unknown>;

const UPDATE: Capability[] = ['KNOWLEDGE_KNUPDATE'];
// Notes and opinions are also written by participants (their own only: the services check).
const writeRight = (entityTypes: readonly string[]) =>
  entityTypes.every((t) => PARTICIPATION_TYPES.has(t)) ? [...ANNOTATION_CAPABILITIES] : UPDATE;

function mutation(
  name: string,
  args: ArgSpec[],
  returns: () => unknown,
  run: Run,
  capabilities: Capability[] = UPDATE,
): void {
  defineOperation(KnowledgeMutationsResolver, {
    kind: 'mutation',
    name,
    args,
    returns,
    capabilities,
    run: (r: KnowledgeMutationsResolver, ctx, values) => run(r.write, ctx, values),
  });
}

const idArg: ArgSpec = { name: 'id', type: () => ID, required: true };
const str = (v: unknown) => String(v);

for (const target of CREATE_TARGETS) {
  mutation(
    target.mutation,
    [{ name: 'input', type: () => target.input, required: true }],
    () => knowledgeType(target.returns),
    (w, ctx, v) => w.create(accessOf(ctx), target.entityType, v.input as EntityCreateInput),
    writeRight([target.entityType]),
  );
}

const OBSERVABLE_ARGS: ArgSpec[] = [
  { name: 'type', type: () => String, required: true },
  { name: 'stix_id', type: () => StixIdScalar },
  { name: 'x_opencti_score', type: () => Int },
  { name: 'x_opencti_description', type: () => String },
  { name: 'createIndicator', type: () => Boolean },
  { name: 'createdBy', type: () => String },
  ...['objectMarking', 'objectLabel', 'objectOrganization', 'externalReferences'].map(
    (name): ArgSpec => ({ name, type: () => [String] }),
  ),
  { name: 'update', type: () => Boolean },
  { name: 'upsertOperations', type: () => [EditInputType] },
  ...[...OBSERVABLE_INPUTS].map(([key, input]): ArgSpec => ({ name: key, type: () => input })),
];

mutation(
  'stixCyberObservableAdd',
  OBSERVABLE_ARGS,
  () => knowledgeType('StixCyberObservable'),
  (w, ctx, v) => w.createObservable(accessOf(ctx), withoutNulls(v) as ObservableCreateInput),
);

mutation(
  'stixRefRelationshipAdd',
  [{ name: 'input', type: () => StixRefRelationshipAddInput, required: true }],
  () => knowledgeType('StixRefRelationship'),
  (w, ctx, v) => {
    const input = v.input as StixRefRelationshipAddInput;
    return w.relationAdd(accessOf(ctx), str(input.fromId), input);
  },
);

for (const spec of EDIT_OBJECTS) {
  const objectType = EDIT_OBJECT_TYPES.get(spec.mutation);
  mutation(
    spec.mutation,
    [idArg],
    () => objectType,
    (w, ctx, v) => w.editTarget(accessOf(ctx), str(v.id), spec.types),
    writeRight(spec.types),
  );
}

for (const [name, entityType] of Object.entries(RELATION_ROOTS)) {
  mutation(
    `${name}RelationAdd`,
    [idArg, { name: 'input', type: () => StixRefRelationshipAddInput, required: true }],
    () => knowledgeType('StixRefRelationship'),
    async (w, ctx, v) => {
      const target = await w.editTarget(accessOf(ctx), str(v.id), [entityType]);
      return w.relationAdd(accessOf(ctx), target.id, v.input as StixRefRelationshipAddInput);
    },
  );
  mutation(
    `${name}RelationDelete`,
    [
      idArg,
      { name: 'toId', type: () => StixRefScalar, required: true },
      { name: 'relationship_type', type: () => String, required: true },
    ],
    () => knowledgeType(entityType.replace(/-/g, '')),
    async (w, ctx, v) => {
      const target = await w.editTarget(accessOf(ctx), str(v.id), [entityType]);
      return w.relationDelete(accessOf(ctx), target.id, str(v.toId), str(v.relationship_type));
    },
  );
}

for (const [name, entityType] of Object.entries(FIELD_PATCH_ROOTS)) {
  mutation(
    `${name}FieldPatch`,
    [idArg, { name: 'input', type: () => [EditInputType], required: true }],
    () => knowledgeType(entityType.replace(/-/g, '')),
    async (w, ctx, v) => {
      const target = await w.editTarget(accessOf(ctx), str(v.id), [entityType]);
      return w.fieldPatch(accessOf(ctx), target.id, v.input as EditInput[]);
    },
  );
}

mutation(
  'stixBundlePush',
  [
    { name: 'connectorId', type: () => String, required: true },
    { name: 'bundle', type: () => String, required: true },
    { name: 'work_id', type: () => String },
  ],
  () => String,
  (w, ctx, v) =>
    w.bundlePush(
      accessOf(ctx),
      str(v.connectorId),
      str(v.bundle),
      typeof v.work_id === 'string' && v.work_id !== '' ? v.work_id : undefined,
    ),
  ['KNOWLEDGE_KNUPDATE', 'CONNECTORAPI'],
);

function withoutNulls(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== null && v !== undefined),
  );
}
