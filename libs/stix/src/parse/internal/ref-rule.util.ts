import type { PropertyRule } from './issue-sink.types';
import { isStixId } from './stix-id.util';
import { withArticle } from './with-article.util';

export type RefRuleOptions = {
  /** Object type the identifiers must have; any type when omitted. */
  type?: string;
  /** `*_refs` (array of identifiers) rather than `*_ref`. */
  many: boolean;
  /** Custom (`x_…`) references only warn: their meaning is not specified. */
  severity?: 'error' | 'warning';
};

// Hand-written rather than zod: references are the hottest properties (3 per relationship).
/** Rule checking that a `*_ref` / `*_refs` property holds well-formed STIX identifiers. */
export function refRule(options: RefRuleOptions): PropertyRule {
  const { type, many } = options;
  const noun = type === undefined ? 'STIX identifier' : `${type} identifier`;
  const single = `must be ${withArticle(noun)}${type === undefined ? ' (<type>--<uuid>)' : ''}`;
  const warn = options.severity === 'warning';
  return (value, path, sink) => {
    const out = warn ? sink.warnings : sink.errors;
    if (!many) {
      if (!isStixId(value, type)) {
        out.push({ path, message: single });
      }
      return;
    }
    if (!Array.isArray(value)) {
      out.push({ path, message: `must be an array of ${noun}s` });
      return;
    }
    for (let i = 0; i < value.length; i += 1) {
      if (!isStixId(value[i], type)) {
        out.push({ path: `${path}[${i}]`, message: single });
      }
    }
  };
}
