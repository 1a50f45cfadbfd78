import { AppError } from '@lib/kernel';

export class InvalidJobError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super({ code: 'JOB_INVALID', category: 'validation', message, details });
  }
}

export class InvalidJobPayloadError extends AppError {
  constructor(path: string, problem: string) {
    super({
      code: 'JOB_INVALID_PAYLOAD',
      category: 'validation',
      message: `Job payload is not JSON-serialisable at ${path}: ${problem}`,
      details: { path, problem },
    });
  }
}

export class DeadLetterNotFoundError extends AppError {
  constructor(id: string) {
    super({
      code: 'JOB_DEAD_LETTER_NOT_FOUND',
      category: 'not_found',
      message: `No dead letter ${id}`,
      details: { id },
    });
  }
}
