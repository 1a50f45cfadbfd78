import { AppError } from '@lib/kernel';

export function invalidJob(message: string, cause?: unknown): AppError {
  return new AppError({ code: 'INGESTION_INVALID_JOB', category: 'validation', message, cause });
}
