import { AppError } from '@lib/kernel';

/** A posted form as express parses it (urlencoded: strings, or arrays of repeated fields). */
export type FormBody = Record<string, unknown>;

const MAX_FIELD = 10_000;

/** One text field, trimmed unless told otherwise; '' when absent. */
export function field(body: FormBody, key: string, trim = true): string {
  const raw = body[key];
  const value: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  if (typeof value !== 'string') return '';
  const cut = value.slice(0, MAX_FIELD);
  return trim ? cut.trim() : cut;
}

/** Every value of a repeated field (checkboxes, multiple selects), without blanks. */
export function fields(body: FormBody, key: string): string[] {
  const raw = body[key];
  const values = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

/** A checkbox: present means on. */
export function checked(body: FormBody, key: string): boolean {
  return fields(body, key).length > 0;
}

/** A whole number field in [min, max]; undefined when blank; a validation error otherwise. */
export function wholeNumber(
  body: FormBody,
  key: string,
  label: string,
  min: number,
  max: number,
): number | undefined {
  const text = field(body, key);
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError({
      code: 'FORM_FIELD_INVALID',
      category: 'validation',
      message: `${label} must be a whole number from ${min} to ${max}`,
      details: { field: key },
    });
  }
  return value;
}

/** A name the form needs: blank is refused with a message saying so. */
export function requiredName(name: string): string {
  if (!name) {
    throw new AppError({
      code: 'FORM_FIELD_INVALID',
      category: 'validation',
      message: 'Enter a name.',
      details: { field: 'name' },
    });
  }
  return name;
}

/** What a refused form shows: the message, and a list of reasons when the service gave some. */
export type FormProblem = { message: string; reasons: string[]; status: number };

/**
 * A refusal the user can fix (bad or conflicting input) as a form problem; anything else is
 * rethrown (the page's error filter answers it).
 */
export function problemOf(error: unknown): FormProblem {
  if (error instanceof AppError && ['validation', 'conflict'].includes(error.category)) {
    const details = (error.details ?? {}) as { violations?: unknown };
    const reasons = Array.isArray(details.violations)
      ? details.violations.filter((v): v is string => typeof v === 'string')
      : [];
    const message = reasons.length > 0 ? 'The password breaks the password policy:' : error.message;
    return { message, reasons, status: error.category === 'conflict' ? 409 : 400 };
  }
  throw error;
}
