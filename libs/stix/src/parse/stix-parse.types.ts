/** A STIX object as the platform handles it: typed envelope, every other property kept as is. */
export type StixObject = {
  id: string;
  type: string;
  spec_version?: string;
  [key: string]: unknown;
};

/** One problem found in a STIX object; `path` is relative to the object (`external_references[1].source_name`). */
export type StixIssue = { path: string; message: string };

/** STIX versions the parser reads; 2.0 objects are upgraded to 2.1. */
export type StixSpecVersion = '2.0' | '2.1';

/** Result of {@link parseStixObject}: the 2.1 object and its warnings, or the errors that reject it. */
export type ParsedObject =
  | { ok: true; object: StixObject; upgradedFrom?: '2.0'; warnings: StixIssue[] }
  | { ok: false; id?: string; type?: string; issues: StixIssue[] };

export type ParseStixOptions = {
  /** The bundle's spec_version, used when the object carries none (an object's own value wins). */
  specVersion?: StixSpecVersion;
};

/** What {@link readBundle} found in a bundle (or a single bare object). */
export type StixBundleContent = {
  bundleId?: string;
  specVersion?: StixSpecVersion;
  objects: unknown[];
};
