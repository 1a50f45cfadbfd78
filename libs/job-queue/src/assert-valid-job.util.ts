import { assertJsonPayload } from './assert-json-payload.util';
import { InvalidJobError } from './errors/job-queue.error';
import type { JobDraft } from './job-queue.types';

/** Validates a job before it is enqueued (every adapter calls it): names, options, payload. */
export function assertValidJob(queue: string, draft: JobDraft): void {
  if (typeof queue !== 'string' || queue.length === 0) {
    throw new InvalidJobError('A queue name must be a non-empty string', { queue });
  }
  if (typeof draft.name !== 'string' || draft.name.length === 0) {
    throw new InvalidJobError('A job name must be a non-empty string', { queue, name: draft.name });
  }
  const { delayMs, maxAttempts } = draft;
  if (delayMs !== undefined && !(Number.isSafeInteger(delayMs) && delayMs >= 0)) {
    throw new InvalidJobError('delayMs must be a non-negative integer', { queue, delayMs });
  }
  if (maxAttempts !== undefined && !(Number.isSafeInteger(maxAttempts) && maxAttempts >= 1)) {
    throw new InvalidJobError('maxAttempts must be a positive integer', { queue, maxAttempts });
  }
  assertJsonPayload(draft.payload);
}
