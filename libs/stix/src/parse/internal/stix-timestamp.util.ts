// 'stix': STIX 2.1 §3.2 form (UTC, `Z`, optional fraction); 'lenient': another RFC 3339 / ISO 8601
// date or date-time that OpenCTI still reads (offset, no seconds, date only); 'invalid': neither.
export type TimestampKind = 'stix' | 'lenient' | 'invalid';

const STIX_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const ISO_FORM =
  /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Classifies a timestamp string; the regexes fix the digit positions read by the range check. */
export function timestampKind(value: string): TimestampKind {
  if (STIX_FORM.test(value)) {
    return inRange(value) ? 'stix' : 'invalid';
  }
  if (ISO_FORM.test(value)) {
    return inRange(value) ? 'lenient' : 'invalid';
  }
  return 'invalid';
}

function digits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + (value.charCodeAt(at + 1) - 48);
}

function inRange(value: string): boolean {
  const year = digits(value, 0) * 100 + digits(value, 2);
  const month = digits(value, 5);
  const day = digits(value, 8);
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
    return false;
  }
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    return false;
  }
  if (value.length <= 10) {
    return true;
  }
  // Seconds may be 60 (leap second), as RFC 3339 allows.
  const second = value.length >= 19 && value.charCodeAt(16) === 58 ? digits(value, 17) : 0;
  return digits(value, 11) <= 23 && digits(value, 14) <= 59 && second <= 60;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
