import type { S3Config } from '@lib/config';

/**
 * Asks for the bucket once: resolves when the server answers (a missing bucket is created by the
 * adapter), rejects when it cannot be reached or refuses the credentials. The AWS SDK is loaded
 * by the call, not by importing the library: the embedded profile never calls.
 */
export async function probeS3(config: S3Config, timeoutMs: number): Promise<void> {
  const { headBucket } = await import('./s3-head-bucket.util.js');
  await headBucket(config, timeoutMs);
}
