import { invalidInput } from '../errors/knowledge.error';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** pycti sends hashes as `[{algorithm, hash}]`; STIX keeps a dictionary. */
export function hashesDictionary(field: string, value: unknown): Record<string, string> {
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  }
  if (!Array.isArray(value)) {
    throw invalidInput(field, 'must be a list of {algorithm, hash}');
  }
  const hashes: Record<string, string> = {};
  for (const item of value as unknown[]) {
    if (!isRecord(item) || typeof item.algorithm !== 'string' || typeof item.hash !== 'string') {
      throw invalidInput(field, 'must be a list of {algorithm, hash}');
    }
    hashes[item.algorithm] = item.hash;
  }
  return hashes;
}

/** The attributes of an observable's typed sub-input (`IPv4Addr: {value}`…), nulls dropped. */
export function observableAttributes(inputKey: string, sub: unknown): Record<string, unknown> {
  if (!isRecord(sub)) {
    throw invalidInput(inputKey, 'is required for this observable type');
  }
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sub)) {
    if (value === null || value === undefined) {
      continue;
    }
    attributes[key] = key === 'hashes' ? hashesDictionary(`${inputKey}.hashes`, value) : value;
  }
  return attributes;
}
