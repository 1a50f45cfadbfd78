import type { AuthenticatedRequest } from '../../../auth/request-context.types';
import type { KnowledgeRequest } from './knowledge-request.service';

/** The GraphQL context of a request: the HTTP request and its knowledge loaders. */
export type KnowledgeGraphqlContext = { req: AuthenticatedRequest; knowledge: KnowledgeRequest };
