import type { AttributeRename } from './model.types';

// Properties whose STIX name differs from the OpenCTI attribute name (data-model.md §1.3, §1.4,
// §2.3): the attribute would otherwise clash with a reserved or ambiguous name.
export const ATTRIBUTE_RENAMES: readonly AttributeRename[] = [
  { entityType: 'Note', stixName: 'abstract', attributeName: 'attribute_abstract' },
  { entityType: 'Email-Message', stixName: 'date', attributeName: 'attribute_date' },
  { entityType: 'Windows-Registry-Key', stixName: 'key', attributeName: 'attribute_key' },
  { entityType: 'stix-sighting-relationship', stixName: 'count', attributeName: 'attribute_count' },
  { entityType: 'Data-Source', stixName: 'platforms', attributeName: 'x_mitre_platforms' },
];
