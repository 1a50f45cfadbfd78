import type { IssueSink, PropertyRule } from './issue-sink.types';
import { refRule } from './ref-rule.util';
import type { TypePlan } from './type-plans.constants';

// References not covered by a type's rules: standard ones must be well-formed; custom (`x_…`)
// ones only warn (ATT&CK ships `x_mitre_data_source_ref: ""`).
const ANY_REF = refRule({ many: false });
const ANY_REFS = refRule({ many: true });
const CUSTOM_REF = refRule({ many: false, severity: 'warning' });
const CUSTOM_REFS = refRule({ many: true, severity: 'warning' });

function genericRefRule(key: string): PropertyRule | undefined {
  const custom = key.startsWith('x_');
  if (key.endsWith('_ref')) {
    return custom ? CUSTOM_REF : ANY_REF;
  }
  if (key.endsWith('_refs')) {
    return custom ? CUSTOM_REFS : ANY_REFS;
  }
  return undefined;
}

/** Runs the plan's property rules over the properties present, then its required list and checks. */
export function validateProperties(
  object: Record<string, unknown>,
  plan: TypePlan,
  sink: IssueSink,
): void {
  const rules = plan.rules;
  for (const key of Object.keys(object)) {
    const rule = rules.get(key) ?? genericRefRule(key);
    if (rule === undefined) {
      continue;
    }
    const value = object[key];
    if (value === null) {
      // pycti can serialise absent optional fields as null; OpenCTI reads them as absent.
      sink.warnings.push({ path: key, message: 'is null (read as absent)' });
    } else {
      rule(value, key, sink);
    }
  }
  for (const key of plan.required) {
    const value = object[key];
    if (value === undefined || value === null) {
      sink.errors.push({ path: key, message: 'is required' });
    }
  }
  plan.check?.(object, sink);
}
