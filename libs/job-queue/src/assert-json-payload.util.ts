import { InvalidJobPayloadError } from './errors/job-queue.error';
import type { JobPayload } from './job-queue.types';

/**
 * Throws InvalidJobPayloadError unless `value` survives a JSON round trip unchanged: plain objects,
 * arrays, strings, finite numbers, booleans and null, without cycles.
 */
export function assertJsonPayload(value: unknown): asserts value is JobPayload {
  check(value, '$', new Set());
}

function check(value: unknown, path: string, ancestors: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new InvalidJobPayloadError(path, `${value} is not a JSON number`);
    }
    return;
  }
  if (typeof value !== 'object') {
    throw new InvalidJobPayloadError(path, `a ${typeof value} is not JSON`);
  }
  if (ancestors.has(value)) {
    throw new InvalidJobPayloadError(path, 'circular reference');
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  const isArray = Array.isArray(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) {
    throw new InvalidJobPayloadError(path, `a ${value.constructor.name} is not a plain object`);
  }
  ancestors.add(value);
  if (isArray) {
    value.forEach((item: unknown, index) => check(item, `${path}[${index}]`, ancestors));
  } else {
    for (const [key, item] of Object.entries(value)) {
      check(item, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}
