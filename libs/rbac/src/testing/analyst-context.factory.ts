import { randomUUID } from 'node:crypto';
import type { AccessContext } from '../access-context.types';
import { CAPABILITIES } from '../capabilities.constants';

/**
 * A user with the knowledge capabilities, a random id, who may see only the given markings and,
 * unless given, every organization's elements: the reader of the ports' access-rule contracts.
 */
export function analystContext(
  markings: readonly string[],
  organizations: ReadonlySet<string> | 'all' = 'all',
): AccessContext {
  return {
    kind: 'user',
    userId: randomUUID(),
    userName: 'analyst',
    capabilities: new Set(CAPABILITIES.filter((c) => c.startsWith('KNOWLEDGE'))),
    bypass: false,
    allowedMarkings: new Set(markings),
    organizations,
    maxConfidence: 100,
  };
}
