import { AppError } from '@lib/kernel';

/** A `fieldPatch` value list → the stored value of one field (throws on a bad one). */
export type FieldReader = (values: readonly unknown[], key: string) => unknown;

function invalid(key: string, expected: string): AppError {
  return new AppError({
    code: 'ACCESS_FIELD_INVALID',
    category: 'validation',
    message: `Field ${key} expects ${expected}`,
    details: { key },
  });
}

export const text: FieldReader = (values, key) => {
  const value = values[0] ?? '';
  if (typeof value !== 'string') throw invalid(key, 'a string');
  return value;
};

export const flag: FieldReader = (values, key) => {
  const value = values[0];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false' || value === undefined) return false;
  throw invalid(key, 'a boolean');
};

export const texts: FieldReader = (values, key) => {
  if (!values.every((v) => typeof v === 'string')) throw invalid(key, 'strings');
  return [...values];
};

/** A finite number (a JSON number or its decimal text); null when the list is empty. */
const decimal: FieldReader = (values, key) => {
  const value = values[0];
  if (value === undefined || value === null || value === '') return null;
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(parsed)) throw invalid(key, 'a number');
  return parsed;
};

// GraphQL Int is 32 bits.
const MAX_COUNT = 2_147_483_647;

/** A whole number from 0 to 2^31 - 1 (lengths, counts, durations); empty is 0. */
export const count: FieldReader = (values, key) => {
  const parsed = decimal(values, key) ?? 0;
  if (!Number.isInteger(parsed) || (parsed as number) < 0 || (parsed as number) > MAX_COUNT) {
    throw invalid(key, `a whole number from 0 to ${MAX_COUNT}`);
  }
  return parsed;
};

/** `{ max_confidence, overrides: [{ entity_type, max_confidence }] }`, or null to clear. */
export const confidenceLevel: FieldReader = (values, key) => {
  const value = values[0];
  if (value === null || value === undefined) return null;
  const level = (typeof value === 'string' ? JSON.parse(value) : value) as {
    max_confidence?: unknown;
    overrides?: unknown;
  };
  const max = Number(level.max_confidence);
  if (!Number.isInteger(max) || max < 0 || max > 100) {
    throw invalid(key, 'a max_confidence between 0 and 100');
  }
  const overrides = Array.isArray(level.overrides) ? level.overrides : [];
  return { max_confidence: max, overrides };
};

/** `[{ type: 'TLP', value: <marking id> | 'none' }]`: what a group may share per marking type. */
export const shareableLimits: FieldReader = (values, key) =>
  values.map((v) => {
    const limit = (typeof v === 'string' ? JSON.parse(v) : v) as {
      type?: unknown;
      value?: unknown;
    };
    if (typeof limit?.type !== 'string' || typeof limit.value !== 'string') {
      throw invalid(key, 'a list of { type, value } (a marking id or none)');
    }
    return { type: limit.type, value: limit.value };
  });

/** The attribute changes of a fieldPatch; a key outside `editable` is refused by name. */
export function readPatch(
  label: string,
  editable: Readonly<Record<string, FieldReader>>,
  input: readonly { key: string; value: readonly unknown[] }[],
): Record<string, unknown> {
  return Object.fromEntries(
    input.map(({ key, value }) => {
      const read = editable[key];
      if (!read) {
        throw new AppError({
          code: 'ACCESS_FIELD_NOT_EDITABLE',
          category: 'validation',
          message: `A ${label} has no editable field ${key}`,
          details: { key },
        });
      }
      return [key, read(value ?? [], key)];
    }),
  );
}
