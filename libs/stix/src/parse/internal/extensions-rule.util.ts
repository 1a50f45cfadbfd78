import type { PropertyRule } from './issue-sink.types';
import { isRecord } from './is-record.util';
import { OPENCTI_EXTENSION_RULES } from './opencti-extension-rules.constants';

// STIX 2.1 §7.3: `extensions` is a dictionary of extension objects. Unknown extensions are kept
// unchecked; the OpenCTI ones get their field types checked.
/** Rule for the `extensions` property. */
export const extensionsRule: PropertyRule = (value, path, sink) => {
  if (!isRecord(value)) {
    sink.errors.push({ path, message: 'must be an object (a dictionary of extensions)' });
    return;
  }
  for (const key of Object.keys(value)) {
    const extension = value[key];
    const extensionPath = `${path}.${key}`;
    if (!isRecord(extension)) {
      sink.errors.push({ path: extensionPath, message: 'must be an object' });
      continue;
    }
    OPENCTI_EXTENSION_RULES.get(key)?.(extension, extensionPath, sink);
  }
};
