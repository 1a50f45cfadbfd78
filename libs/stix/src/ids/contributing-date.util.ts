import { AppError } from '@lib/kernel';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HAS_TIME = /T\d{2}:\d{2}/;
const HAS_ZONE = /(Z|[+-]\d{2}(:?\d{2})?)$/;

function invalidDate(value: unknown): AppError {
  return new AppError({
    code: 'STIX_ID_INVALID_DATE',
    category: 'validation',
    message: `Invalid date contributing to a standard id: ${String(value)}`,
    details: { value },
  });
}

function parseDateString(value: string): Date {
  const text = value.trim().replace(' ', 'T').toUpperCase();
  // ISO date-times without a zone are UTC in STIX; JavaScript would read them as local time.
  return new Date(HAS_TIME.test(text) && !HAS_ZONE.test(text) ? `${text}Z` : text);
}

/**
 * A contributing date in the form the platform hashes it (data-model.md §3.3): GraphQL DateTime
 * values are JavaScript Dates, serialised as `YYYY-MM-DDTHH:mm:ss.sssZ` in UTC.
 */
export function toContributingDate(value: unknown): string {
  if (typeof value === 'string' && CANONICAL.test(value)) {
    return value;
  }
  let date: Date;
  if (value instanceof Date) {
    date = value;
  } else if (typeof value === 'string') {
    date = parseDateString(value);
  } else if (typeof value === 'number') {
    date = new Date(value);
  } else {
    throw invalidDate(value);
  }
  if (Number.isNaN(date.getTime())) {
    throw invalidDate(value);
  }
  return date.toISOString();
}
