import { AppError } from '@lib/kernel';

export class BlobNotFoundError extends AppError {
  constructor(key: string) {
    super({
      code: 'BLOB_NOT_FOUND',
      category: 'not_found',
      message: `No blob ${key}`,
      details: { key },
    });
  }
}

export class InvalidBlobKeyError extends AppError {
  constructor(key: unknown, reason: string) {
    super({
      code: 'BLOB_INVALID_KEY',
      category: 'validation',
      message: `Invalid blob key ${JSON.stringify(key)}: ${reason}`,
      details: { key, reason },
    });
  }
}

export class InvalidBlobMetaError extends AppError {
  constructor(reason: string, details: Record<string, unknown>) {
    super({ code: 'BLOB_INVALID_META', category: 'validation', message: reason, details });
  }
}

export class InvalidBlobBodyError extends AppError {
  constructor(chunkType: string) {
    super({
      code: 'BLOB_INVALID_BODY',
      category: 'validation',
      message: `A blob body yields bytes or strings, not ${chunkType}`,
      details: { chunkType },
    });
  }
}
