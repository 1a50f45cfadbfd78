export { JobQueue } from './job-queue.port';
export type {
  ConsumeOptions,
  DeadLetter,
  DeadLetterReason,
  EnqueueOptions,
  Job,
  JobConsumer,
  JobDraft,
  JobHandler,
  JobPayload,
  QueueStats,
} from './job-queue.types';
export {
  DeadLetterNotFoundError,
  InvalidJobError,
  InvalidJobPayloadError,
} from './errors/job-queue.error';
export { assertJsonPayload } from './assert-json-payload.util';
export { assertValidJob } from './assert-valid-job.util';
export { retryDelayMs } from './retry-delay.util';
export type { RetryBackoff } from './retry-delay.util';
export { JobQueueModule } from './job-queue.module';
export { describeJobQueueContract } from './testing/job-queue.contract';
export type { JobQueueHarness } from './testing/job-queue.contract';
