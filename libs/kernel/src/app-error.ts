export type ErrorCategory =
  'validation' | 'not_found' | 'forbidden' | 'conflict' | 'unavailable' | 'internal';

export type AppErrorOptions = {
  code: string;
  category: ErrorCategory;
  message: string;
  details?: Record<string, unknown>;
  cause?: unknown;
};

/**
 * Base class of every error the project throws on purpose. `code` is stable (for clients and
 * tests), `category` drives the mapping at each surface (GraphQL, REST, worker retry/dead letter).
 */
export class AppError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly details: Record<string, unknown>;

  constructor(options: AppErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.category = options.category;
    this.details = options.details ?? {};
  }

  /** True when the failed operation may succeed if tried again later. */
  get retryable(): boolean {
    return this.category === 'unavailable';
  }
}
