import type { FilterGroup } from '@lib/kernel';

/**
 * Inputs of the knowledge write services, shaped like the GraphQL inputs pycti sends
 * (data-model.md §6) so that resolvers pass them through: attributes under their OpenCTI names,
 * references by any id form (internal id, standard id, STIX id) under their GraphQL input names.
 * `null` is read as absent (pycti sends every key).
 */
export type RefInputs = {
  createdBy?: string | null;
  objectMarking?: readonly string[] | null;
  objectLabel?: readonly string[] | null;
  externalReferences?: readonly string[] | null;
  killChainPhases?: readonly string[] | null;
  objectOrganization?: readonly string[] | null;
  /** Container content (reports, groupings, notes, opinions, observed data, cases). */
  objects?: readonly string[] | null;
};

/** `<type>Add(input)`: the type's attributes, refs, and the upsert controls. */
export type EntityCreateInput = RefInputs & {
  stix_id?: string | null;
  x_opencti_stix_ids?: readonly string[] | null;
  confidence?: number | null;
  /** Merge several matches (data-model.md §3.8). */
  update?: boolean | null;
  /** Any other attribute of the type, or another ref by its input name (e.g. `samples`). */
  [attribute: string]: unknown;
};

/**
 * `stixCyberObservableAdd`: `type` (`IPv4-Addr`, `StixFile`, `File`, `ipv4-addr`…) and one typed
 * sub-input under the type's input key (`IPv4Addr: {value}`, `StixFile: {name, hashes}`…).
 * Hashes are accepted as pycti's list `[{algorithm, hash}]` or as a dictionary.
 */
export type ObservableCreateInput = RefInputs & {
  type: string;
  stix_id?: string | null;
  x_opencti_score?: number | null;
  x_opencti_description?: string | null;
  /** Also create an Indicator with the observable's pattern, `based-on` it. */
  createIndicator?: boolean | null;
  update?: boolean | null;
  [inputKey: string]: unknown;
};

/** `stixCoreRelationshipAdd(input)`. */
export type RelationshipCreateInput = EntityCreateInput & {
  fromId: string;
  toId: string;
  relationship_type: string;
};

/** `stixSightingRelationshipAdd(input)`: `fromId` is what was sighted, `toId` where. */
export type SightingCreateInput = EntityCreateInput & {
  fromId: string;
  toId: string;
};

export type EditOperation = 'add' | 'replace' | 'remove';

/** `EditInput` of `fieldPatch`. */
export type EditInput = {
  key: string;
  value: readonly unknown[];
  /** Default `replace`. */
  operation?: EditOperation | null;
};

/** `StixRefRelationshipAddInput` of `relationAdd`. */
export type RefRelationInput = {
  toId: string;
  /** Ref relationship type (`object-marking`, `object-label`, `external-reference`, `object`…). */
  relationship_type: string;
};

/** A file attached to an element, as pycti's `importFiles` edges read it. */
export type KnowledgeFile = {
  /**
   * Blob key (`import/global/<name>`, `import|export/<entity_type>/<internal id>/<name>`), the id
   * passed to download; for an export in progress, its work's id.
   */
  id: string;
  name: string;
  size: number;
  lastModified: string;
  /** `progress` or `error`: an export asked for, whose connector has not pushed the file. */
  uploadStatus: 'complete' | 'progress' | 'error';
  metaData: {
    mimetype: string;
    version: string;
    entity_id: string;
    creator_id: string;
    /** Internal ids of the marking definitions the file carries. */
    file_markings: string[];
  };
};

/** `validationMode` of import jobs: review the result in a workbench or a draft first. */
export type ImportValidationMode = 'workbench' | 'draft';

/** How an import of an uploaded file is asked for (`askJobImport`, `uploadAndAskJobImport`). */
export type ImportJobRequest = {
  /** One connector; all matching active import connectors when absent. */
  connectorId?: string;
  configuration?: string | null;
  bypassValidation?: boolean;
  forceValidation?: boolean;
  validationMode?: ImportValidationMode;
};

/** `exportAsk`: a file in `format` (a mime type) made by the export connectors. */
export type ExportRequest = {
  format: string;
  exportType: 'simple' | 'full';
  /** One connector; all matching active export connectors when absent. */
  connectorId?: string;
  fileMarkings?: string[];
  /** Per marking type, the highest marking the content may carry (`contentMaxMarkings`). */
  contentMaxMarkings?: string[];
};

/**
 * A list export (`stix…ExportAsk`): the elements picked by id, or those a list query finds
 * (filters already resolved to internal ids), as a file of the list's type or of the element
 * whose context the list is shown in.
 */
export type ListExportRequest = ExportRequest & {
  entityType: string;
  contextEntityId?: string;
  selectedIds?: string[];
  query?: {
    search?: string;
    filters?: FilterGroup;
    orderBy?: string;
    orderMode?: 'asc' | 'desc';
  };
};

/** `stixBundlePush`: a bundle (JSON text or object) handed to the ingestion workers. */
export type BundlePushInput = {
  connectorId: string;
  bundle: string | Record<string, unknown>;
  workName?: string;
  update?: boolean;
  /** A work the sender opened (`workAdd`); the bundle's objects are added to its expectations. */
  workId?: string;
};
