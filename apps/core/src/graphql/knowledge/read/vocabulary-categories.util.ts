import { VOCABULARY_CATEGORIES, VOCABULARY_FIELDS } from '@lib/stix';
import { leafKind } from '../schema/leaf-kinds.util';

export type VocabularyCategoryValue = {
  key: string;
  description: string;
  fields: { key: string; required: boolean; multiple: boolean; description: string }[];
};

/** A vocabulary category with the attributes it governs (none is required: values stay open). */
export function vocabularyCategory(key: string): VocabularyCategoryValue {
  return {
    key,
    description: key.replace(/_ov$/, '').replace(/_/g, ' '),
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
