import { AppError } from '@lib/kernel';

/**
 * Awaits an update of a work, doing nothing when the work is gone (deleted by its connector or
 * an admin meanwhile: whoever reports to it has nobody left to tell).
 */
export async function ignoringDeletedWork(update: Promise<unknown>): Promise<void> {
  try {
    await update;
  } catch (error) {
    const gone =
      error instanceof AppError &&
      (error.code === 'WORK_NOT_ALIVE' || error.code === 'WORK_NOT_FOUND');
    if (!gone) throw error;
  }
}
