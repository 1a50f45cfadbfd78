import type { StixIssue } from '../stix-parse.types';

// Collects what the validation finds: errors reject the object, warnings keep it.
export type IssueSink = { readonly errors: StixIssue[]; readonly warnings: StixIssue[] };

// Validates one property value found at `path` (relative to the object) and reports into `sink`.
export type PropertyRule = (value: unknown, path: string, sink: IssueSink) => void;
