import { Inject } from '@nestjs/common';
import { ID, Int, Resolver } from '@nestjs/graphql';
import { GraphQLString } from 'graphql';
import { accessOf, defineOperation } from './define-operation.util';
import type { ArgSpec } from './define-operation.util';
import { FilterGroupInput, OrderingModeValues } from './schema/filter-group.input';
import { DateTimeScalar, StixRefScalar } from './schema/scalars.constants';
import { KNOWLEDGE_QUERIES } from './schema/knowledge-queries.constants';
import { orderingEnum } from './schema/ordering-enum.util';
import type { KnowledgeQuerySpec } from './schema/knowledge-queries.constants';
import {
  StixObjectOrStixRelationship,
  connectionOf,
  knowledgeType,
} from './schema/knowledge-types.model';
import type { KnowledgeGraphqlContext } from './read/knowledge-context.types';
import { vocabularyCategories } from './read/vocabulary-categories.util';
import { KnowledgeReadService } from './read/knowledge-read.service';

// One resolver serves every knowledge read; its query methods are generated from
// KNOWLEDGE_QUERIES with the code-first decorators (the table is the single source).

function listArgSpecs(spec: KnowledgeQuerySpec): ArgSpec[] {
  const ordering = orderingEnum(spec.ordering);
  const args: ArgSpec[] = [
    { name: 'filters', type: () => FilterGroupInput },
    { name: 'search', type: () => String },
    { name: 'first', type: () => Int },
    { name: 'after', type: () => ID },
    { name: 'orderBy', type: () => ordering },
    { name: 'orderMode', type: () => OrderingModeValues },
    { name: 'types', type: () => [String] },
    { name: 'toStix', type: () => Boolean },
  ];
  if (spec.relationArgs) {
    const idType = spec.relationArgs === 'core' ? () => [String] : () => StixRefScalar;
    args.push(
      { name: 'fromOrToId', type: spec.relationArgs === 'core' ? () => [String] : () => String },
      { name: 'elementWithTargetTypes', type: () => [String] },
      { name: 'fromId', type: idType },
      { name: 'toId', type: idType },
      { name: 'fromTypes', type: () => [String] },
      { name: 'toTypes', type: () => [String] },
      { name: 'relationship_type', type: () => [String] },
    );
    for (const name of ['startTime', 'stopTime', 'firstSeen', 'lastSeen']) {
      args.push({ name: `${name}Start`, type: () => DateTimeScalar });
      args.push({ name: `${name}Stop`, type: () => DateTimeScalar });
    }
  }
  return args;
}

@Resolver()
export class KnowledgeResolver {
  constructor(@Inject(KnowledgeReadService) readonly read: KnowledgeReadService) {}
}

function defineQuery(
  name: string,
  args: ArgSpec[],
  returns: () => unknown,
  run: (
    resolver: KnowledgeResolver,
    ctx: KnowledgeGraphqlContext,
    values: Record<string, unknown>,
  ) => Promise<unknown>,
): void {
  defineOperation(KnowledgeResolver, {
    kind: 'query',
    name,
    args,
    returns,
    capabilities: ['KNOWLEDGE'],
    run: run,
  });
}

for (const spec of KNOWLEDGE_QUERIES) {
  const connection = connectionOf(spec.node);
  defineQuery(
    spec.list,
    listArgSpecs(spec),
    () => connection,
    (r, ctx, values) => r.read.list(accessOf(ctx), spec, values),
  );
  if (spec.single) {
    const idArg = [{ name: 'id', type: () => String }];
    defineQuery(
      spec.single,
      idArg,
      () => knowledgeType(spec.node),
      (r, ctx, values) => r.read.read(accessOf(ctx), spec.types, String(values.id)),
    );
  }
}

defineQuery(
  'stixObjectOrStixRelationship',
  [{ name: 'id', type: () => String }],
  () => StixObjectOrStixRelationship,
  (r, ctx, values) =>
    r.read.read(accessOf(ctx), ['Basic-Object', 'basic-relationship'], String(values.id)),
);

defineQuery(
  'stix',
  [{ name: 'id', type: () => String }],
  () => GraphQLString,
  async (r, ctx, values) => {
    const node = await r.read.read(
      accessOf(ctx),
      ['Basic-Object', 'basic-relationship'],
      String(values.id),
    );
    return node ? node.field('toStix', ctx.knowledge.loaders()) : null;
  },
);

defineQuery(
  'vocabularyCategories',
  [],
  () => [knowledgeType('VocabularyCategory')],
  () => Promise.resolve(vocabularyCategories()),
);
