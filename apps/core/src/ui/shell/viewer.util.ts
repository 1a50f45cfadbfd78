import type { AccessContext } from '@lib/rbac';
import type { AuthenticatedRequest } from '../../auth/request-context.types';
import { UiSignInRequired } from './ui-errors';

/** The signed-in caller of a page the UI guard let through. */
export function viewerOf(req: AuthenticatedRequest): AccessContext {
  if (!req.accessContext) throw new UiSignInRequired(req.originalUrl);
  return req.accessContext;
}
