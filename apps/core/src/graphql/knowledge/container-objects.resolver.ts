import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { KnowledgeGraphqlContext } from './read/knowledge-context.types';
import type { KnowledgeNode } from './read/knowledge-node.model';
import { connectionOf, knowledgeType } from './schema/knowledge-types.model';

const OBJECTS_CONNECTION = connectionOf('StixObjectOrStixRelationship');

/** `objects(all:)` of every container: the elements it contains (its `object` refs). */
@Resolver(() => knowledgeType('Container'))
export class ContainerObjectsResolver {
  @RequireCapabilities('KNOWLEDGE')
  @ResolveField('objects', () => OBJECTS_CONNECTION, { nullable: true })
  objects(
    @Parent() container: KnowledgeNode,
    @Context() ctx: KnowledgeGraphqlContext,
    // pycti asks for every object at once; the whole list is always returned.
    @Args('all', { type: () => Boolean, nullable: true }) _all?: boolean,
  ): unknown {
    return container.field('objects', ctx.knowledge.loaders());
  }
}
