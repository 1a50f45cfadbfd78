import { AppError } from '@lib/kernel';

export class InvalidQueryError extends AppError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super({ code: 'SEARCH_INVALID_QUERY', category: 'validation', message, details });
  }
}
