import { editableAttributes } from '@lib/knowledge';
import { ENTITY_TYPES, VOCABULARY_CATEGORIES, VOCABULARY_FIELDS } from '@lib/stix';
import { leafKind } from '../schema/leaf-kinds.util';

export type VocabularyCategoryValue = {
  key: string;
  description: string;
  /** The entity types (and their STIX types) having one of the category's attributes. */
  entity_types: string[];
  fields: { key: string; required: boolean; multiple: boolean; description: string }[];
};

/** A vocabulary category with the attributes it governs (none is required: values stay open). */
export function vocabularyCategory(key: string): VocabularyCategoryValue {
  return {
    key,
    description: key.replace(/_ov$/, '').replace(/_/g, ' '),
    entity_types: entityTypesOf(VOCABULARY_FIELDS[key] ?? []),
    fields: (VOCABULARY_FIELDS[key] ?? []).map((field) => ({
      key: field,
      required: false,
      multiple: leafKind(field) === 'StringList',
      description: field,
    })),
  };
}

/** Every vocabulary category (`vocabularyCategories`). */
export function vocabularyCategories(): VocabularyCategoryValue[] {
  return VOCABULARY_CATEGORIES.map(vocabularyCategory);
}

function entityTypesOf(fields: readonly string[]): string[] {
  const types = new Set<string>();
  for (const info of ENTITY_TYPES) {
    const attributes = editableAttributes(info.entityType);
    if (fields.some((f) => attributes.includes(f))) {
      types.add(info.entityType);
      types.add(info.stixType);
    }
  }
  return [...types];
}
