import { AppError } from '@lib/kernel';

export const STIX_INVALID_BUNDLE = 'STIX_INVALID_BUNDLE';

/** The input is neither a STIX bundle nor a single STIX object. */
export class StixInvalidBundleError extends AppError {
  constructor(problem: string, details: Record<string, unknown> = {}) {
    super({
      code: STIX_INVALID_BUNDLE,
      category: 'validation',
      message: `Invalid STIX bundle: ${problem}`,
      details,
    });
  }
}
