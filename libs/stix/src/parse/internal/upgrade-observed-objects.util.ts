import { isRecord } from './is-record.util';
import { setOwn } from './set-own.util';

// Properties of embedded cyber observables that STIX 2.1 renamed (STIX 2.1 §6, changes from 2.0).
// Removed 2.0 properties (file.is_encrypted, process.name…) are kept: nothing is dropped.
// Maps, not object literals: keys come from untrusted input (`constructor`, `__proto__`…).
const RENAMED: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  [
    'file',
    new Map([
      ['created', 'ctime'],
      ['modified', 'mtime'],
      ['accessed', 'atime'],
    ]),
  ],
  [
    'directory',
    new Map([
      ['created', 'ctime'],
      ['modified', 'mtime'],
      ['accessed', 'atime'],
    ]),
  ],
  ['windows-registry-key', new Map([['modified', 'modified_time']])],
  [
    'process',
    new Map([
      ['created', 'created_time'],
      ['binary_ref', 'image_ref'],
    ]),
  ],
  ['user-account', new Map([['password_last_changed', 'credential_last_changed']])],
]);

/**
 * Upgrades the STIX 2.0 `objects` dictionary of an observed-data. The dictionary stays (2.1 keeps
 * it as a deprecated property) with its keys and its key-based references; no SCO is created.
 */
export function upgradeObservedObjects(objects: Record<string, unknown>): Record<string, unknown> {
  const upgraded: Record<string, unknown> = {};
  for (const key of Object.keys(objects)) {
    setOwn(upgraded, key, upgradeObservable(objects[key]));
  }
  return upgraded;
}

function upgradeObservable(observable: unknown): unknown {
  if (!isRecord(observable) || typeof observable.type !== 'string') {
    return observable;
  }
  const renames = RENAMED.get(observable.type);
  if (renames === undefined) {
    return observable;
  }
  const renamed: Record<string, unknown> = {};
  for (const key of Object.keys(observable)) {
    const target = renames.get(key);
    // Never overwrite a property the producer already wrote under its 2.1 name.
    const name = target !== undefined && !Object.hasOwn(observable, target) ? target : key;
    setOwn(renamed, name, observable[key]);
  }
  return renamed;
}
