import { AppError } from '@lib/kernel';

/** True when S3 says the bucket or the object does not exist. */
export function isS3NotFound(error: unknown): boolean {
  if (!(error instanceof Error)) {
    return false;
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || status === 404;
}

/** Translates an S3 client error: `unavailable` (retryable) for network and 5xx failures. */
export function s3Failure(error: unknown, message: string): AppError {
  if (error instanceof AppError) {
    return error;
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
  const clientError = status !== undefined && status >= 400 && status < 500;
  return new AppError({
    code: clientError ? 'BLOB_STORAGE_REJECTED' : 'BLOB_STORAGE_UNAVAILABLE',
    category: clientError ? 'internal' : 'unavailable',
    message: `${message} (S3: ${error instanceof Error ? error.message : 'no response'})`,
    details: { status },
    cause: error,
  });
}
