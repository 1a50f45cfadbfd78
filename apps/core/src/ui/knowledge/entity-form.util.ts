import type { EditInput, EntityCreateInput } from '@lib/knowledge';

// The create and edit forms of knowledge entities: which fields a type has, how a posted form
// reads (with per-field errors, shown back on the form with a 400), and what it becomes: the
// `<type>Add` input, or the `fieldPatch` edits of what changed.

export type FieldKind = 'text' | 'textarea' | 'datetime' | 'select';

export type FieldSpec = {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  options?: readonly string[];
};

const PATTERN_TYPES = ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara', 'spl', 'eql'];

/** Fields some types need besides name, description, confidence, author, markings and labels. */
const TYPE_FIELDS: Readonly<Record<string, readonly FieldSpec[]>> = {
  Indicator: [
    { key: 'pattern', label: 'Pattern', kind: 'textarea', required: true },
    {
      key: 'pattern_type',
      label: 'Pattern type',
      kind: 'select',
      required: true,
      options: PATTERN_TYPES,
    },
    { key: 'valid_from', label: 'Valid from', kind: 'datetime', required: true },
  ],
  Report: [{ key: 'published', label: 'Published', kind: 'datetime', required: true }],
  Grouping: [{ key: 'context', label: 'Context', kind: 'text', required: true }],
};

// Types whose form is not the name-based one (observables, notes, opinions…): no form here.
const NOT_CREATABLE = new Set([
  'Stix-Cyber-Observable',
  'Note',
  'Opinion',
  'Observed-Data',
  'Malware-Analysis',
]);

export function isCreatable(entityType: string): boolean {
  return !NOT_CREATABLE.has(entityType);
}

export function typeFields(entityType: string): readonly FieldSpec[] {
  return TYPE_FIELDS[entityType] ?? [];
}

/** The form's values as typed (shown back on errors), and its refs. */
export type EntityFormValues = {
  name: string;
  description: string;
  confidence: string;
  createdBy: string;
  objectMarking: string[];
  objectLabel: string[];
  extra: Record<string, string>;
};

export type ParsedForm = {
  values: EntityFormValues;
  errors: Record<string, string>;
};

const MAX_TEXT = 100_000;
const text = (value: unknown): string =>
  typeof value === 'string' ? value.slice(0, MAX_TEXT) : '';
const many = (value: unknown): string[] => {
  const values = Array.isArray(value) ? value : [value];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];
};

/** `2026-12-04T22:40` (a datetime-local field, read as UTC) → ISO-8601; else undefined. */
export function isoOf(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?$/.test(local)) return undefined;
  const date = new Date(local.endsWith('Z') ? local : `${local}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** ISO-8601 → the value a datetime-local field shows (UTC, minutes). */
export function localOf(iso: unknown): string {
  if (typeof iso !== 'string') return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16);
}

/** Reads a posted form of `entityType`, checking required fields and formats. */
export function parseEntityForm(entityType: string, body: Record<string, unknown>): ParsedForm {
  const values: EntityFormValues = {
    name: text(body.name).trim(),
    description: text(body.description),
    confidence: text(body.confidence).trim(),
    createdBy: text(body.createdBy),
    objectMarking: many(body.objectMarking),
    objectLabel: many(body.objectLabel),
    extra: {},
  };
  const errors: Record<string, string> = {};
  if (values.name === '') errors.name = 'A name is required.';
  if (values.confidence !== '') {
    const n = Number(values.confidence);
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      errors.confidence = 'Confidence is a whole number from 0 to 100.';
    }
  }
  for (const field of typeFields(entityType)) {
    const value = text(body[field.key]).trim();
    values.extra[field.key] = value;
    if (value === '') {
      if (field.required) errors[field.key] = `${field.label} is required.`;
      continue;
    }
    if (field.kind === 'datetime' && !isoOf(value)) {
      errors[field.key] = `${field.label} must be a date and time.`;
    }
    if (field.kind === 'select' && field.options && !field.options.includes(value)) {
      errors[field.key] = `${field.label} must be one of ${field.options.join(', ')}.`;
    }
  }
  return { values, errors };
}

function extraAttributes(entityType: string, values: EntityFormValues): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const field of typeFields(entityType)) {
    const value = values.extra[field.key] ?? '';
    if (value === '') continue;
    attributes[field.key] = field.kind === 'datetime' ? (isoOf(value) ?? value) : value;
  }
  return attributes;
}

/** The `<type>Add` input of a valid form. */
export function createInputOf(entityType: string, values: EntityFormValues): EntityCreateInput {
  return {
    name: values.name,
    ...(values.description.trim() !== '' ? { description: values.description } : {}),
    ...(values.confidence !== '' ? { confidence: Number(values.confidence) } : {}),
    ...(values.createdBy !== '' ? { createdBy: values.createdBy } : {}),
    // Saying none keeps the element unmarked (no default markings behind the user's back).
    objectMarking: values.objectMarking,
    ...(values.objectLabel.length > 0 ? { objectLabel: values.objectLabel } : {}),
    ...extraAttributes(entityType, values),
  };
}

/** What the element holds now, in the form's terms. */
export type CurrentValues = {
  attributes: Readonly<Record<string, unknown>>;
  createdBy?: string | undefined;
  objectMarking: readonly string[];
  objectLabel: readonly string[];
};

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The `fieldPatch` edits turning `current` into the form's values: only what changed. */
export function editsOf(
  entityType: string,
  values: EntityFormValues,
  current: CurrentValues,
): EditInput[] {
  const edits: EditInput[] = [];
  const attr = (key: string, value: unknown) => {
    const before = current.attributes[key];
    if (value === undefined) {
      if (before !== undefined && before !== '')
        edits.push({ key, value: [], operation: 'remove' });
    } else if (before !== value) {
      edits.push({ key, value: [value], operation: 'replace' });
    }
  };
  attr('name', values.name);
  attr('description', values.description.trim() === '' ? undefined : values.description);
  attr('confidence', values.confidence === '' ? undefined : Number(values.confidence));
  for (const [key, value] of Object.entries(extraAttributes(entityType, values))) {
    const before = current.attributes[key];
    const same =
      typeof before === 'string' && isoOf(value) !== undefined
        ? new Date(before).getTime() === new Date(value).getTime()
        : before === value;
    if (!same) edits.push({ key, value: [value], operation: 'replace' });
  }
  if ((current.createdBy ?? '') !== values.createdBy) {
    edits.push({
      key: 'createdBy',
      value: values.createdBy === '' ? [] : [values.createdBy],
      operation: 'replace',
    });
  }
  if (!sameSet(current.objectMarking, values.objectMarking)) {
    edits.push({ key: 'objectMarking', value: values.objectMarking, operation: 'replace' });
  }
  if (!sameSet(current.objectLabel, values.objectLabel)) {
    edits.push({ key: 'objectLabel', value: values.objectLabel, operation: 'replace' });
  }
  return edits;
}
