import type { StixObject } from '../stix-parse.types';
import type { IssueSink } from './issue-sink.types';
import type { TypePlan } from './type-plans.constants';

/** Warnings about the envelope and vocabularies of an object that passed validation. */
export function addEnvelopeWarnings(
  object: StixObject,
  plan: TypePlan,
  specVersionMissing: boolean,
  sink: IssueSink,
): void {
  const { family } = plan;
  // STIX 2.1 §3.1: spec_version is optional on SCOs only.
  if (specVersionMissing && family !== 'sco') {
    sink.warnings.push({ path: 'spec_version', message: 'is missing (read as 2.1)' });
  }
  if (family === 'sdo' || family === 'sro' || family === 'meta') {
    if (object.created === undefined) {
      sink.warnings.push({ path: 'created', message: 'is missing (required by STIX 2.1)' });
    }
    // Marking definitions are immutable: STIX 2.1 §7.2.1 gives them no `modified`.
    if (object.modified === undefined && object.type !== 'marking-definition') {
      sink.warnings.push({ path: 'modified', message: 'is missing (required by STIX 2.1)' });
    }
  }
  for (const { property, values } of plan.vocabularies) {
    const value = object[property];
    if (typeof value === 'string') {
      if (!values.has(value)) {
        sink.warnings.push({ path: property, message: `'${value}' is not in the vocabulary` });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string' && !values.has(item)) {
          sink.warnings.push({
            path: `${property}[${index}]`,
            message: `'${item}' is not in the vocabulary`,
          });
        }
      });
    }
  }
}
