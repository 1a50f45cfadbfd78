import type { AccessContext } from './access-context.types';
import type { Capability } from './capabilities.constants';

// data-model.md §4.5: a held capability satisfies a required one when its name contains the
// required name (a child implies its parents); BYPASS satisfies everything.
export function hasCapability(ctx: AccessContext, required: Capability): boolean {
  if (ctx.bypass || ctx.capabilities.has('BYPASS')) {
    return true;
  }
  for (const held of ctx.capabilities) {
    if (held.includes(required)) {
      return true;
    }
  }
  return false;
}

/** The confidence cap for writing an element of `entityType` (§4.6; BYPASS: 100). */
export function maxConfidenceFor(ctx: AccessContext, entityType: string): number {
  if (ctx.bypass) return 100;
  return ctx.confidenceOverrides?.[entityType] ?? ctx.maxConfidence;
}
