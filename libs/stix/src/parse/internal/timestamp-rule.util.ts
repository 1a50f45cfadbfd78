import type { PropertyRule } from './issue-sink.types';
import { timestampKind } from './stix-timestamp.util';

/** Rule for STIX timestamps: invalid dates are errors, non-STIX but readable forms warnings. */
export const timestampRule: PropertyRule = (value, path, sink) => {
  const kind = typeof value === 'string' ? timestampKind(value) : 'invalid';
  if (kind === 'invalid') {
    sink.errors.push({ path, message: 'must be an RFC 3339 timestamp' });
  } else if (kind === 'lenient') {
    sink.warnings.push({
      path,
      message: 'is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z), read as ISO 8601',
    });
  }
};
