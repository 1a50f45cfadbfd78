import type { z } from 'zod';
import type { PropertyRule } from './issue-sink.types';
import { issuePath } from './issue-path.util';

/**
 * Turns a zod schema into a property rule; the parsed copy is discarded (the object is kept as is).
 * `accepts` is an optional fast path for the common valid case: it must only return true for
 * values the schema accepts, so zod stays the authority on every rejection and its message.
 */
export function zodRule(schema: z.ZodType, accepts?: (value: unknown) => boolean): PropertyRule {
  return (value, path, sink) => {
    if (accepts?.(value) === true) {
      return;
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        sink.errors.push({ path: issuePath(path, issue.path), message: issue.message });
      }
    }
  };
}
