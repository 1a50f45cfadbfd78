export { CAPABILITIES } from './capabilities.constants';
export type { Capability } from './capabilities.constants';
export type { AccessContext, AccessRule } from './access-context.types';
export { SYSTEM_USER_ID, systemContext } from './system-context.util';
export { hasCapability } from './has-capability.util';
export { accessRule, markingsAllowed } from './access-rule.util';
