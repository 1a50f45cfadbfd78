/**
 * Sets an own, enumerable property. Plain assignment of `__proto__` (a key JSON.parse may produce
 * from untrusted input) would change the target's prototype instead of copying the property.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
