/** What the retention rule form shows and posts (filters as separate fields, or JSON). */
export type RetentionFormValues = {
  name: string;
  max_retention: string;
  retention_unit: string;
  /** Comma separated entity types. */
  entity_types: string;
  objectLabel: string[];
  objectMarking: string[];
  createdBy: string;
  /** Highest confidence the rule deletes ('' = any). */
  confidence_max: string;
  /** A FilterGroup as JSON: when given, it replaces the fields above. */
  advanced: string;
};

export const EMPTY_RETENTION_FORM: RetentionFormValues = {
  name: '',
  max_retention: '',
  retention_unit: 'days',
  entity_types: '',
  objectLabel: [],
  objectMarking: [],
  createdBy: '',
  confidence_max: '',
  advanced: '',
};
