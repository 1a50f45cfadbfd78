import { SetMetadata } from '@nestjs/common';
import type { Capability } from '@lib/rbac';

export const CAPABILITIES_KEY = 'threatloom:capabilities';
export const AUTHENTICATED = 'AUTHENTICATED';
export const ANONYMOUS = 'ANONYMOUS';

/**
 * Every query, mutation and data-bearing field declares what it needs (STYLE.md 2.8): any of the
 * capabilities listed, only a signed-in user with `@Authenticated()`, or nobody with `@Anonymous()`
 * (the login mutation).
 */
export const RequireCapabilities = (...capabilities: Capability[]) =>
  SetMetadata(CAPABILITIES_KEY, capabilities);
export const Authenticated = () => SetMetadata(CAPABILITIES_KEY, [AUTHENTICATED]);
export const Anonymous = () => SetMetadata(CAPABILITIES_KEY, [ANONYMOUS]);
