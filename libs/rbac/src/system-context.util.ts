import type { AccessContext } from './access-context.types';
import { CAPABILITIES } from './capabilities.constants';

// Fixed id of the platform's system identity (data-model.md §3.2, OPENCTI_SYSTEM_UUID).
export const SYSTEM_USER_ID = '6a4b11e1-90ca-4e42-ba42-db7bc7f7d505';

/** The explicit context of internal jobs: sees and may write everything. */
export function systemContext(jobName = 'system'): AccessContext {
  return {
    kind: 'system',
    userId: SYSTEM_USER_ID,
    userName: jobName,
    capabilities: new Set(CAPABILITIES),
    bypass: true,
    allowedMarkings: 'all',
    organizations: 'all',
    maxConfidence: 100,
  };
}
