import { addEnvelopeWarnings } from './internal/envelope-warnings.util';
import type { IssueSink } from './internal/issue-sink.types';
import { isRecord } from './internal/is-record.util';
import { isStixId } from './internal/stix-id.util';
import { withArticle } from './internal/with-article.util';
import { CUSTOM_PLAN, TYPE_PLANS } from './internal/type-plans.constants';
import { validateProperties } from './internal/validate-properties.util';
import type {
  ParsedObject,
  ParseStixOptions,
  StixIssue,
  StixObject,
  StixSpecVersion,
} from './stix-parse.types';
import { upgradeStix20 } from './upgrade-stix20.util';

// STIX 2.1 §3.1: lowercase ASCII letters, digits and single hyphens, 3 to 250 characters.
const STIX_TYPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

type Envelope = { id?: string; type?: string };

const reject = (envelope: Envelope, issues: StixIssue[]): ParsedObject => ({
  ok: false,
  ...envelope,
  issues,
});

const isStixObject = (value: Record<string, unknown>): value is StixObject =>
  typeof value.id === 'string' && typeof value.type === 'string';

function isObjectTypeName(type: unknown): type is string {
  return (
    typeof type === 'string' &&
    type.length >= 3 &&
    type.length <= 250 &&
    type !== 'bundle' &&
    STIX_TYPE.test(type)
  );
}

function typeIssue(type: unknown): StixIssue {
  if (type === undefined) {
    return { path: 'type', message: 'is required' };
  }
  return type === 'bundle'
    ? { path: 'type', message: 'must be an object type (a bundle is not a STIX object)' }
    : { path: 'type', message: 'must be a STIX type name (lowercase letters, digits, hyphens)' };
}

function idIssue(id: unknown, type: string): StixIssue | undefined {
  if (id === undefined) {
    return { path: 'id', message: 'is required' };
  }
  return isStixId(id, type)
    ? undefined
    : { path: 'id', message: `must be ${withArticle(`${type} identifier`)} (${type}--<uuid>)` };
}

/**
 * Validates one untrusted STIX object and returns it as STIX 2.1. STIX 2.0 objects (own
 * `spec_version`, else `options.specVersion`) are upgraded first (see upgradeStix20). Unknown
 * properties are never dropped and custom types are validated on their common properties only.
 * The returned object is the input itself unless it had to be upgraded.
 */
export function parseStixObject(raw: unknown, options: ParseStixOptions = {}): ParsedObject {
  if (!isRecord(raw)) {
    return reject({}, [{ path: '', message: 'must be a JSON object' }]);
  }
  const envelope: Envelope = {};
  if (typeof raw.id === 'string') {
    envelope.id = raw.id;
  }
  if (typeof raw.type === 'string') {
    envelope.type = raw.type;
  }
  const { type } = raw;
  if (!isObjectTypeName(type)) {
    return reject(envelope, [typeIssue(type)]);
  }
  const ownVersion = raw.spec_version;
  if (ownVersion !== undefined && ownVersion !== '2.0' && ownVersion !== '2.1') {
    return reject(envelope, [{ path: 'spec_version', message: "must be '2.0' or '2.1'" }]);
  }
  const version: StixSpecVersion = ownVersion ?? options.specVersion ?? '2.1';
  return validate(version === '2.0' ? upgradeStix20(raw) : raw, type, version, {
    raw,
    specVersionMissing: ownVersion === undefined,
    envelope,
  });
}

function validate(
  object: Record<string, unknown>,
  type: string,
  version: StixSpecVersion,
  context: { raw: Record<string, unknown>; specVersionMissing: boolean; envelope: Envelope },
): ParsedObject {
  const sink: IssueSink = { errors: [], warnings: [] };
  const badId = idIssue(object.id, type);
  if (badId !== undefined) {
    sink.errors.push(badId);
  }
  const plan = TYPE_PLANS.get(type) ?? CUSTOM_PLAN;
  validateProperties(object, plan, sink);
  if (sink.errors.length > 0 || !isStixObject(object)) {
    return reject(context.envelope, sink.errors);
  }
  if (version === '2.0') {
    addEnvelopeWarnings(object, plan, false, sink);
    if (Array.isArray(context.raw.identity_class) && !Array.isArray(object.identity_class)) {
      sink.warnings.push({
        path: 'identity_class',
        message: 'was a one-value list, read as its value',
      });
    }
    return { ok: true, object, upgradedFrom: '2.0', warnings: sink.warnings };
  }
  addEnvelopeWarnings(object, plan, context.specVersionMissing, sink);
  return { ok: true, object, warnings: sink.warnings };
}
