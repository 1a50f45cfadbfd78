import { AppError } from '@lib/kernel';

export class BusQueueNotFoundError extends AppError {
  constructor(queue: string) {
    super({
      code: 'BUS_QUEUE_NOT_FOUND',
      category: 'not_found',
      message: `Queue ${queue} is not declared`,
      details: { queue },
    });
  }
}

export class InvalidBusRequestError extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super({ code: 'BUS_INVALID_REQUEST', category: 'validation', message, details });
  }
}

export class BusDeadLetterNotFoundError extends AppError {
  constructor(id: string) {
    super({
      code: 'BUS_DEAD_LETTER_NOT_FOUND',
      category: 'not_found',
      message: `No dead letter ${id}`,
      details: { id },
    });
  }
}
