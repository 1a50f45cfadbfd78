import { AppError } from '@lib/kernel';

export class InvalidStreamPositionError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super({ code: 'STREAM_INVALID_POSITION', category: 'validation', message, details });
  }
}
