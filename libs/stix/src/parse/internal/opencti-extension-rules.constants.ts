import { z } from 'zod';
import {
  MITRE_EXTENSION_ID,
  OCTI_EXTENSION_ID,
  OCTI_SCO_EXTENSION_ID,
} from '../../convert/stix-extensions.constants';
import type { PropertyRule } from './issue-sink.types';
import {
  BOOLEAN,
  EXTERNAL_REFERENCES,
  INTEGER,
  SCORE,
  TEXT,
  TEXT_LIST,
  TIMESTAMP,
  stixIdListSchema,
  stixIdSchema,
} from './field-schemas.constants';
import { zodRule } from './zod-rule.util';

// data-model.md §5.1-§5.3: the three extensions OpenCTI writes. Only the types of the fields the
// platform reads are checked; every field (known or not) is kept. Values may be null (pycti).

const OBJECT_LIST = z.array(z.record(z.string(), z.unknown(), { error: 'must be an object' }), {
  error: 'must be an array of objects',
});

// Fields shared by the core and SCO extensions (pycti reads any of them from either).
const SHARED_FIELDS = {
  extension_type: TEXT.nullish(),
  id: TEXT.nullish(),
  type: TEXT.nullish(),
  created_at: TIMESTAMP.nullish(),
  updated_at: TIMESTAMP.nullish(),
  modified_at: TIMESTAMP.nullish(),
  stix_ids: TEXT_LIST.nullish(),
  is_inferred: BOOLEAN.nullish(),
  labels: TEXT_LIST.nullish(),
  score: SCORE.nullish(),
  created_by_ref: stixIdSchema('identity').nullish(),
  granted_refs: stixIdListSchema().nullish(),
  files: OBJECT_LIST.nullish(),
  workflow_id: TEXT.nullish(),
};

const CORE_FIELDS = {
  ...SHARED_FIELDS,
  aliases: TEXT_LIST.nullish(),
  creator_ids: TEXT_LIST.nullish(),
  assignee_ids: TEXT_LIST.nullish(),
  participant_ids: TEXT_LIST.nullish(),
  labels_ids: TEXT_LIST.nullish(),
  granted_refs_ids: TEXT_LIST.nullish(),
  created_by_ref_id: TEXT.nullish(),
  created_by_ref_type: TEXT.nullish(),
  authorized_members: OBJECT_LIST.nullish(),
  reliability: TEXT.nullish(),
  detection: BOOLEAN.nullish(),
  main_observable_type: TEXT.nullish(),
  location_type: TEXT.nullish(),
  organization_type: TEXT.nullish(),
  firstname: TEXT.nullish(),
  lastname: TEXT.nullish(),
  order: INTEGER.nullish(),
  color: TEXT.nullish(),
};

const SCO_FIELDS = {
  ...SHARED_FIELDS,
  description: TEXT.nullish(),
  external_references: EXTERNAL_REFERENCES.nullish(),
  additional_names: TEXT_LIST.nullish(),
  product: TEXT.nullish(),
  contains_refs: stixIdListSchema().nullish(),
};

const MITRE_FIELDS = {
  extension_type: TEXT.nullish(),
  id: TEXT.nullish(),
  detection: TEXT.nullish(),
  permissions_required: TEXT_LIST.nullish(),
  platforms: TEXT_LIST.nullish(),
  collection_layers: TEXT_LIST.nullish(),
};

/** Rules of the OpenCTI extensions, keyed by extension-definition id. */
export const OPENCTI_EXTENSION_RULES: ReadonlyMap<string, PropertyRule> = new Map([
  [OCTI_EXTENSION_ID, zodRule(z.object(CORE_FIELDS))],
  [OCTI_SCO_EXTENSION_ID, zodRule(z.object(SCO_FIELDS))],
  [MITRE_EXTENSION_ID, zodRule(z.object(MITRE_FIELDS))],
]);
