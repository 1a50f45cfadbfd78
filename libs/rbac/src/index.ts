export { CAPABILITIES } from './capabilities.constants';
export type { Capability } from './capabilities.constants';
export type { AccessContext, AccessRule } from './access-context.types';
export { SYSTEM_USER_ID, systemContext } from './system-context.util';
export { hasCapability, maxConfidenceFor } from './has-capability.util';
export {
  ALL_MEMBERS,
  RESTRICTED_TO,
  accessRule,
  elementAllowed,
  markingsAllowed,
  memberAccessRight,
  membersAllowed,
  organizationsAllowed,
  restrictedMemberIds,
  rightAtLeast,
} from './access-rule.util';
export type { MemberAccessRight } from './access-rule.util';
export {
  ACCESSES_TO,
  BOOTSTRAP_GROUPS,
  BOOTSTRAP_ROLES,
  CAPABILITY_TYPE,
  GROUP_TYPE,
  HAS_CAPABILITY,
  HAS_ROLE,
  MEMBER_OF,
  PARTICIPATE_TO,
  ROLE_TYPE,
  SETTINGS_TYPE,
  USER_TYPE,
  bootstrapGroupId,
  bootstrapRoleId,
  capabilityId,
  capabilityOf,
} from './access-model.constants';
export type { BootstrapGroup, BootstrapRole } from './access-model.constants';
export { deriveAccessContext } from './derive-access-context.util';
export type {
  AccessSettings,
  ConfidenceOverride,
  GroupGrant,
  MarkingInfo,
  UserGrant,
} from './derive-access-context.util';
export { analystContext } from './testing/analyst-context.factory';
