import { isIPv4, isIPv6 } from 'node:net';
import type { ObservableCreateInput } from '@lib/knowledge';
import { observableInputKey } from '@lib/stix';

// The observable create form: the types it offers, how a posted form reads (per-field errors,
// shown back with a 400) and the `stixCyberObservableAdd` input it becomes.

export type ObservableKind = {
  entityType: string;
  label: string;
  /** A single `value`, or a file's name and hashes. */
  shape: 'value' | 'file';
  /** Checks a value; answers the error to show, or undefined. */
  check?: (value: string) => string | undefined;
};

const withPrefix = (value: string, isIp: (v: string) => boolean, max: number): boolean => {
  const [address = '', prefix, ...rest] = value.split('/');
  if (rest.length > 0 || !isIp(address)) return false;
  if (prefix === undefined) return true;
  const n = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && n >= 0 && n <= max;
};

const DOMAIN =
  /^(?=.{1,253}$)(?!-)[\p{L}\p{N}_-]{1,63}(?<!-)(\.(?!-)[\p{L}\p{N}_-]{1,63}(?<!-))*\.?$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol && url.host !== '' ? undefined : 'A URL needs a scheme and a host.';
  } catch {
    return 'A URL looks like https://example.com/path.';
  }
}

export const OBSERVABLE_KINDS: readonly ObservableKind[] = [
  {
    entityType: 'IPv4-Addr',
    label: 'IPv4 address',
    shape: 'value',
    check: (v) =>
      withPrefix(v, isIPv4, 32) ? undefined : 'An IPv4 address looks like 203.0.113.7 (or /24).',
  },
  {
    entityType: 'IPv6-Addr',
    label: 'IPv6 address',
    shape: 'value',
    check: (v) =>
      withPrefix(v, isIPv6, 128) ? undefined : 'An IPv6 address looks like 2001:db8::1 (or /64).',
  },
  {
    entityType: 'Domain-Name',
    label: 'Domain name',
    shape: 'value',
    check: (v) => (DOMAIN.test(v) ? undefined : 'A domain name looks like example.com.'),
  },
  { entityType: 'Url', label: 'URL', shape: 'value', check: checkUrl },
  {
    entityType: 'Email-Addr',
    label: 'Email address',
    shape: 'value',
    check: (v) => (EMAIL.test(v) ? undefined : 'An email address looks like name@example.com.'),
  },
  { entityType: 'Hostname', label: 'Hostname', shape: 'value' },
  { entityType: 'Mac-Addr', label: 'MAC address', shape: 'value' },
  { entityType: 'StixFile', label: 'File', shape: 'file' },
];

/** The hashes the file form asks for, with the length of their hex digest. */
export const FILE_HASHES: readonly { key: string; algorithm: string; length: number }[] = [
  { key: 'md5', algorithm: 'MD5', length: 32 },
  { key: 'sha1', algorithm: 'SHA-1', length: 40 },
  { key: 'sha256', algorithm: 'SHA-256', length: 64 },
];

export function observableKind(entityType: string): ObservableKind | undefined {
  return OBSERVABLE_KINDS.find((k) => k.entityType === entityType);
}

export type ObservableFormValues = {
  type: string;
  value: string;
  fileName: string;
  hashes: Record<string, string>;
  score: string;
  description: string;
  createIndicator: boolean;
  createdBy: string;
  objectMarking: string[];
  objectLabel: string[];
};

const MAX_TEXT = 100_000;
export const formText = (value: unknown): string =>
  typeof value === 'string' ? value.slice(0, MAX_TEXT) : '';
export const formList = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
};

/** An optional whole number from 0 to 100 (confidence, score): the error, or undefined. */
export function percentError(value: string, label: string): string | undefined {
  if (value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 100
    ? undefined
    : `${label} is a whole number from 0 to 100.`;
}

/** An empty form of `type` (the first kind when unknown). */
export function emptyObservableForm(type: string): ObservableFormValues {
  return {
    type: observableKind(type)?.entityType ?? OBSERVABLE_KINDS[0]!.entityType,
    value: '',
    fileName: '',
    hashes: {},
    score: '',
    description: '',
    createIndicator: false,
    createdBy: '',
    objectMarking: [],
    objectLabel: [],
  };
}

/** Reads a posted observable form, checking the type, its value or hashes, and the score. */
export function parseObservableForm(body: Record<string, unknown>): {
  values: ObservableFormValues;
  errors: Record<string, string>;
} {
  const values: ObservableFormValues = {
    type: formText(body.type),
    value: formText(body.value).trim(),
    fileName: formText(body.file_name).trim(),
    hashes: Object.fromEntries(
      FILE_HASHES.map((h) => [h.key, formText(body[h.key]).trim().toLowerCase()]),
    ),
    score: formText(body.score).trim(),
    description: formText(body.description),
    createIndicator: body.createIndicator === 'on' || body.createIndicator === 'true',
    createdBy: formText(body.createdBy),
    objectMarking: formList(body.objectMarking),
    objectLabel: formList(body.objectLabel),
  };
  const errors: Record<string, string> = {};
  const kind = observableKind(values.type);
  if (!kind) {
    errors.type = 'Pick the type of the observable.';
  } else if (kind.shape === 'value') {
    const problem = values.value === '' ? 'A value is required.' : kind.check?.(values.value);
    if (problem) errors.value = problem;
  } else {
    for (const hash of FILE_HASHES) {
      const digest = values.hashes[hash.key] ?? '';
      if (digest !== '' && !new RegExp(`^[0-9a-f]{${hash.length}}$`).test(digest)) {
        errors[hash.key] = `${hash.algorithm} is ${hash.length} hexadecimal characters.`;
      }
    }
    const anyHash = FILE_HASHES.some((h) => (values.hashes[h.key] ?? '') !== '');
    if (values.fileName === '' && !anyHash) {
      errors.file_name = 'A file needs a name or at least one hash.';
    }
  }
  const score = percentError(values.score, 'Score');
  if (score) errors.score = score;
  return { values, errors };
}

/** The `stixCyberObservableAdd` arguments of a valid form. */
export function observableInputOf(values: ObservableFormValues): ObservableCreateInput {
  const kind = observableKind(values.type)!;
  const key = observableInputKey(kind.entityType) ?? kind.entityType;
  const hashes = Object.fromEntries(
    FILE_HASHES.filter((h) => (values.hashes[h.key] ?? '') !== '').map((h) => [
      h.algorithm,
      values.hashes[h.key]!,
    ]),
  );
  const sub =
    kind.shape === 'value'
      ? { value: values.value }
      : {
          ...(values.fileName !== '' ? { name: values.fileName } : {}),
          ...(Object.keys(hashes).length > 0 ? { hashes } : {}),
        };
  return {
    type: kind.entityType,
    [key]: sub,
    ...(values.score !== '' ? { x_opencti_score: Number(values.score) } : {}),
    ...(values.description.trim() !== '' ? { x_opencti_description: values.description } : {}),
    ...(values.createIndicator ? { createIndicator: true } : {}),
    ...(values.createdBy !== '' ? { createdBy: values.createdBy } : {}),
    objectMarking: values.objectMarking,
    ...(values.objectLabel.length > 0 ? { objectLabel: values.objectLabel } : {}),
  };
}
