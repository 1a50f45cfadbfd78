import type { GraphQLFormattedError } from 'graphql';
import { AppError } from '@lib/kernel';
import type { ErrorCategory } from '@lib/kernel';

const CODES: Record<ErrorCategory, string> = {
  validation: 'BAD_USER_INPUT',
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  conflict: 'CONFLICT',
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL_SERVER_ERROR',
};

function appErrorOf(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * AppErrors reach clients with `extensions.code` from their category and their stable code. Every
 * error also carries a top-level `name`, as OpenCTI's do: pycti raises with it and its callers
 * match on it (WORK_NOT_ALIVE, MISSING_REFERENCE_ERROR…; connector-protocol.md §1.2).
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const app = appErrorOf(error);
  if (!app) {
    const code = formatted.extensions?.code;
    return typeof code === 'string' ? withName(formatted, code) : formatted;
  }
  return withName(
    {
      ...formatted,
      message: app.message,
      extensions: { code: CODES[app.category], reason: app.code, details: app.details },
    },
    app.code,
  );
}

/** GraphQL's formatted error has no `name`; OpenCTI's wire format does. */
function withName(formatted: GraphQLFormattedError, name: string): GraphQLFormattedError {
  return { name, ...formatted } as GraphQLFormattedError;
}
