import type { Request } from 'express';
import type { AccessContext } from '@lib/rbac';

export type AuthenticatedRequest = Request & { accessContext?: AccessContext };
export type GraphqlContext = { req: AuthenticatedRequest };
