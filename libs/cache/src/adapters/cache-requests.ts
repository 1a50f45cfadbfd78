import { InvalidCacheRequestError } from '../errors/cache.error';
import type { CacheValue } from '../cache.types';

// Request checks shared by the cache adapters, so that every adapter rejects the same inputs.

export function serialize(key: string, value: CacheValue): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new InvalidCacheRequestError(`The value of ${key} is not JSON`, { key, cause });
  }
  if (text === undefined) {
    throw new InvalidCacheRequestError(`The value of ${key} is not JSON`, { key });
  }
  return text;
}

export function assertKeys(keys: readonly string[]): void {
  const bad = keys.find((key) => typeof key !== 'string' || key.length === 0);
  if (bad !== undefined) {
    throw new InvalidCacheRequestError('A cache key must be a non-empty string', { key: bad });
  }
}

export function assertIntegers(values: Record<string, number>, min: number): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < min) {
      throw new InvalidCacheRequestError(`${name} must be an integer >= ${min}`, { [name]: value });
    }
  }
}

export function attempt<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
