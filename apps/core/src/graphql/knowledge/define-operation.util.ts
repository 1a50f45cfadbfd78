import { Args, Context, Mutation, Parent, Query, ResolveField } from '@nestjs/graphql';
import { RequireCapabilities } from '../../auth/capabilities.decorator';
import type { Capability } from '@lib/rbac';
import type { KnowledgeGraphqlContext } from './read/knowledge-context.types';

// The knowledge API has ~150 operations that differ only by table entries (type names, inputs):
// they are declared with the code-first decorators applied in a loop instead of written out.

/** One argument: its name, its GraphQL type, and whether it is non-null. */
export type ArgSpec = { name: string; type: () => unknown; required?: boolean };

/** `query` and `mutation` are root fields; `field` is a field of the resolver's object type. */
export type OperationKind = 'query' | 'mutation' | 'field';

export type OperationSpec = {
  readonly kind: OperationKind;
  readonly name: string;
  readonly args: readonly ArgSpec[];
  readonly returns: () => unknown;
  /** Any of these is enough (field resolvers are not guarded: their services check). */
  readonly capabilities: readonly Capability[];
  readonly run: (
    resolver: never,
    ctx: KnowledgeGraphqlContext,
    values: Record<string, unknown>,
    parent: unknown,
  ) => Promise<unknown>;
};

type Handler = (...params: unknown[]) => Promise<unknown>;

/** Adds one operation as a decorated method of `target` (a `@Resolver()` class). */
export function defineOperation(
  target: abstract new (...args: never[]) => object,
  spec: OperationSpec,
): void {
  const proto = target.prototype as Record<string, Handler>;
  const offset = spec.kind === 'field' ? 1 : 0;
  const { args, name } = spec;
  const handler: Handler = function (this: never, ...params: unknown[]) {
    const values = Object.fromEntries(args.map((a, i) => [a.name, params[i + offset]]));
    const ctx = params[args.length + offset] as KnowledgeGraphqlContext;
    return spec.run(this, ctx, values, offset === 1 ? params[0] : undefined);
  };
  Object.defineProperty(proto, name, { value: handler, writable: true, configurable: true });
  const descriptor = Object.getOwnPropertyDescriptor(proto, name) as PropertyDescriptor;
  // What TypeScript's emitDecoratorMetadata would record for a hand-written method.
  const paramCount = args.length + offset + 1;
  Reflect.defineMetadata('design:paramtypes', Array(paramCount).fill(Object), proto, name);
  Reflect.defineMetadata('design:returntype', Promise, proto, name);
  if (offset === 1) Parent()(proto, name, 0);
  args.forEach((a, i) => {
    const list = Array.isArray(a.type());
    const nullable = a.required ? (list ? 'items' : false) : list ? 'itemsAndList' : true;
    Args(a.name, { type: a.type as () => never, nullable })(proto, name, i + offset);
  });
  Context()(proto, name, args.length + offset);
  const returns = spec.returns as () => never;
  switch (spec.kind) {
    case 'query':
      RequireCapabilities(...spec.capabilities)(proto, name, descriptor);
      Query(returns, { name, nullable: true })(proto, name, descriptor);
      break;
    case 'mutation':
      RequireCapabilities(...spec.capabilities)(proto, name, descriptor);
      Mutation(returns, { name, nullable: true })(proto, name, descriptor);
      break;
    default:
      ResolveField(name, returns, { nullable: true })(proto, name, descriptor);
  }
}

/** The AccessContext the guard put on an authorised request. */
export function accessOf(ctx: KnowledgeGraphqlContext) {
  const access = ctx.req.accessContext;
  if (!access) throw new Error('No AccessContext on an authorised request');
  return access;
}
