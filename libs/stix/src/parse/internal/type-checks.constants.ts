import type { IssueSink } from './issue-sink.types';
import { isRecord } from './is-record.util';

// Conditions that span several properties of one type. They run after the property rules, so
// every value they read that is present has already been type-checked (wrong ones are errors).
export type TypeCheck = (object: Record<string, unknown>, sink: IssueSink) => void;

const isAbsent = (value: unknown): boolean => value === undefined || value === null;

const warnIfMissing = (
  object: Record<string, unknown>,
  sink: IssueSink,
  property: string,
  why: string,
) => {
  if (isAbsent(object[property])) {
    sink.warnings.push({ path: property, message: `is missing (${why})` });
  }
};

const warnIfEmptyRefs = (object: Record<string, unknown>, sink: IssueSink) => {
  const refs = object.object_refs;
  if (Array.isArray(refs) && refs.length === 0) {
    sink.warnings.push({
      path: 'object_refs',
      message: 'is empty (STIX 2.1 requires one or more)',
    });
  }
};

// STIX 2.1 §4.7: a family needs a name; a malware instance (is_family false) may go unnamed.
const malware: TypeCheck = (object, sink) => {
  if (isAbsent(object.is_family)) {
    sink.warnings.push({ path: 'is_family', message: 'is missing (required by STIX 2.1)' });
  }
  if (isAbsent(object.name) && object.is_family !== false) {
    sink.errors.push({ path: 'name', message: 'is required unless is_family is false' });
  }
};

// STIX 2.1 §4.10 asks for region, country or latitude+longitude; OpenCTI also accepts a name.
const location: TypeCheck = (object, sink) => {
  const hasLatitude = !isAbsent(object.latitude);
  const hasLongitude = !isAbsent(object.longitude);
  const named = ['name', 'region', 'country'].some((property) => !isAbsent(object[property]));
  if (!named && !(hasLatitude && hasLongitude)) {
    sink.errors.push({
      path: 'name',
      message: 'is required unless region, country or latitude and longitude are given',
    });
  }
  if (hasLatitude !== hasLongitude) {
    sink.warnings.push({
      path: hasLatitude ? 'longitude' : 'latitude',
      message: 'is missing (latitude and longitude go together)',
    });
  }
};

// STIX 2.1 §4.13: object_refs, or the deprecated `objects` dictionary (kept from STIX 2.0).
const observedData: TypeCheck = (object, sink) => {
  if (isAbsent(object.object_refs) && isAbsent(object.objects)) {
    sink.errors.push({ path: 'object_refs', message: 'is required (or the deprecated objects)' });
  } else if (isAbsent(object.object_refs)) {
    sink.warnings.push({ path: 'objects', message: 'is deprecated in STIX 2.1 (object_refs)' });
  }
  warnIfEmptyRefs(object, sink);
  for (const property of ['first_observed', 'last_observed', 'number_observed']) {
    warnIfMissing(object, sink, property, 'required by STIX 2.1');
  }
};

// ATLAS publishes the predefined TLP:WHITE id with `{tlp: "clear"}`: accepted, with a warning.
const TLP_V1 = new Set(['white', 'green', 'amber', 'red']);

const markingDefinition: TypeCheck = (object, sink) => {
  if (isAbsent(object.definition) && isAbsent(object.name)) {
    sink.errors.push({ path: 'definition', message: 'is required unless name is given' });
  }
  const definition = object.definition;
  if (object.definition_type === 'tlp' && isRecord(definition)) {
    const tlp = definition.tlp;
    if (typeof tlp !== 'string' || !TLP_V1.has(tlp)) {
      sink.warnings.push({ path: 'definition.tlp', message: 'is not a TLP 1.0 level' });
    }
  }
};

const indicator: TypeCheck = (object, sink) => {
  warnIfMissing(object, sink, 'pattern_type', "required by STIX 2.1; read as 'stix'");
  warnIfMissing(object, sink, 'valid_from', 'required by STIX 2.1');
};

const report: TypeCheck = (object, sink) => {
  warnIfMissing(object, sink, 'published', 'required by STIX 2.1');
  warnIfEmptyRefs(object, sink);
};

const grouping: TypeCheck = (object, sink) => {
  warnIfMissing(object, sink, 'context', 'required by STIX 2.1');
  warnIfEmptyRefs(object, sink);
};

/** Cross-property checks per STIX type. */
export const TYPE_CHECKS: Readonly<Record<string, TypeCheck>> = {
  malware,
  location,
  'observed-data': observedData,
  'marking-definition': markingDefinition,
  indicator,
  report,
  grouping,
  note: warnIfEmptyRefs,
  opinion: warnIfEmptyRefs,
};
