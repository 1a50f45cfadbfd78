import { AppError } from '@lib/kernel';

/** The TAXII error of a refused request (TAXII 2.1 §3.6.1), with its HTTP status. */
export class TaxiiError extends AppError {
  constructor(
    readonly httpStatus: number,
    title: string,
    description?: string,
  ) {
    super({
      code: `TAXII_${httpStatus}`,
      category: httpStatus === 404 ? 'not_found' : 'validation',
      message: title,
      details: { description },
    });
  }
}
