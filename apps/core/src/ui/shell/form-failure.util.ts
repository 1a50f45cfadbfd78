import { AppError } from '@lib/kernel';

/** A refusal of the write services shown on the form (400); anything else is rethrown. */
export function formFailureOf(error: unknown): { status: number; message: string } {
  if (error instanceof AppError && error.category === 'validation') {
    return { status: 400, message: error.message };
  }
  throw error;
}
