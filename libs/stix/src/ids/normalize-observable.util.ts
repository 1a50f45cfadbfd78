import { canonicalHashAlgorithm } from './hash-algorithm.util';

// §1.4: fuzzy hashes keep their case.
const CASE_SENSITIVE_HASHES: ReadonlySet<string> = new Set(['SSDEEP', 'SDHASH']);
const LOWER_CASED_VALUES: ReadonlySet<string> = new Set(['Domain-Name', 'Email-Addr']);

function normalizeHashes(hashes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const normalized: Record<string, unknown> = {};
  for (const [algorithm, value] of Object.entries(hashes)) {
    const key = canonicalHashAlgorithm(algorithm);
    if (typeof value !== 'string') {
      normalized[key] = value;
      continue;
    }
    const trimmed = value.trim();
    if (trimmed !== '') {
      normalized[key] = CASE_SENSITIVE_HASHES.has(key) ? trimmed : trimmed.toLowerCase();
    }
  }
  return normalized;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The API-level normalisation of an observable before its id is computed (data-model.md §1.4,
 * §7 item 3): Domain-Name and Email-Addr values lower-cased; hash algorithms canonicalised and
 * hash values trimmed and lower-cased (except SSDEEP/SDHASH). Returns a new record.
 */
export function normalizeObservable(
  entityType: string,
  data: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const normalized: Record<string, unknown> = { ...data };
  if (LOWER_CASED_VALUES.has(entityType) && typeof data.value === 'string') {
    normalized.value = data.value.toLowerCase();
  }
  if (isRecord(data.hashes)) {
    normalized.hashes = normalizeHashes(data.hashes);
  }
  return normalized;
}
