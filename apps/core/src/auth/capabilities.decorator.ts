import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@lib/rbac';

export const CAPABILITIES_KEY = 'threatloom:capabilities';
export const AUTHENTICATED = 'AUTHENTICATED';

/**
 * Every query, mutation and data-bearing field declares what it needs (STYLE.md 2.8): any of the
 * capabilities listed, or only a signed-in user with `@Authenticated()`.
 */
export const RequireCapabilities = (...capabilities: Capability[]) =>
  SetMetadata(CAPABILITIES_KEY, capabilities);
export const Authenticated = () => SetMetadata(CAPABILITIES_KEY, [AUTHENTICATED]);
