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

/** AppErrors reach clients with `extensions.code` from their category and their stable code. */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const app = appErrorOf(error);
  if (!app) return formatted;
  return {
    ...formatted,
    message: app.message,
    extensions: { code: CODES[app.category], reason: app.code, details: app.details },
  };
}
