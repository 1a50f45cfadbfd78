import { AppError } from '@lib/kernel';
import type { DurableFailureReason } from './sqlite-durable-queue.types';

/** The code and message a dead letter keeps for an error of any kind. */
export function failureReason(error: unknown): DurableFailureReason {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message };
  }
  if (error instanceof Error) {
    return { code: 'UNEXPECTED_ERROR', message: error.message || error.name };
  }
  return { code: 'UNEXPECTED_ERROR', message: String(error) };
}
