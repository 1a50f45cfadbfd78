import type { StoredElement } from '@lib/entity-store';
import { REF_DEFINITIONS, hashList, observableValue, parentTypes, toStix } from '@lib/stix';
import type { StixTarget } from '@lib/stix';
import { graphqlTypeName } from '../schema/type-names.util';
import { coerceLeaf, leafKind } from '../schema/leaf-kinds.util';
import type { KnowledgeLoaders } from './knowledge-loaders.service';
import { connectionValue } from './connection-value.util';
import { vocabularyCategory } from './vocabulary-categories.util';

const REF_OF_FIELD = new Map(REF_DEFINITIONS.map((d) => [d.inputName, d.relationshipType]));
const SINGLE_REFS = new Set(REF_DEFINITIONS.filter((d) => !d.multiple).map((d) => d.inputName));
const CONNECTION_REFS = new Set(['externalReferences', 'objects']);
const EMPTY_LISTS = new Set(['creators', 'customFieldValues', 'coverage_information']);
// Indicator ↔ observable links are `based-on` relationships.
const BASED_ON_CONNECTIONS = new Set(['indicators', 'observables']);
/**
 * A stored element as a GraphQL value. Its fields are read by `resolveNodeField` (the schema's field
 * resolver): attributes by name, coerced to their scalar, relation fields through the loaders.
 */
export class KnowledgeNode {
  readonly graphqlType: string;

  constructor(readonly element: StoredElement) {
    this.graphqlType = graphqlTypeName(element.entityType);
  }

  field(name: string, loaders: KnowledgeLoaders): unknown {
    const e = this.element;
    switch (name) {
      case 'id':
        return e.internalId;
      case 'standard_id':
        return e.standardId;
      case 'entity_type':
        return e.entityType;
      case 'parent_types':
        return parentTypes(e.entityType);
      case 'spec_version':
        return '2.1';
      case 'created_at':
        return e.createdAt;
      case 'updated_at':
        return e.updatedAt;
      case 'x_opencti_stix_ids':
        return e.stixIds;
      case 'relationship_type':
        return e.baseType === 'RELATION' ? e.entityType : null;
      case 'fromId':
        return e.fromId ?? null;
      case 'toId':
        return e.toId ?? null;
      case 'fromType':
        return e.fromType ?? null;
      case 'toType':
        return e.toType ?? null;
      case 'from':
        return e.fromId ? nodeOf(loaders.byId.load(e.fromId)) : null;
      case 'to':
        return e.toId ? nodeOf(loaders.byId.load(e.toId)) : null;
      case 'toStix':
        return this.stixJson(loaders);
      case 'hashes':
        return hashList(e.attributes.hashes);
      case 'category':
        return typeof e.attributes.category === 'string'
          ? vocabularyCategory(e.attributes.category)
          : null;
      case 'status':
        return null;
      case 'observable_value':
        return observableValue(e.attributes);
      default:
        return this.other(name, loaders);
    }
  }

  private other(name: string, loaders: KnowledgeLoaders): unknown {
    const rel = REF_OF_FIELD.get(name);
    if (rel !== undefined) {
      const ids = this.element.refs[rel] ?? [];
      if (SINGLE_REFS.has(name)) {
        return ids[0] ? nodeOf(loaders.byId.load(ids[0])) : null;
      }
      const nodes = loaders.many(ids).then((found) => found.map((f) => new KnowledgeNode(f)));
      return CONNECTION_REFS.has(name) ? nodes.then((n) => connectionValue(n)) : nodes;
    }
    if (EMPTY_LISTS.has(name) || name === 'x_opencti_observable_values') return [];
    if (name === 'importFiles') {
      return loaders.files(this.element.internalId).then((files) => connectionValue(files));
    }
    if (name === 'exportFiles') {
      return loaders.exports(this.element.internalId).then((files) => connectionValue(files));
    }
    if (BASED_ON_CONNECTIONS.has(name)) {
      const wanted = name === 'indicators' ? 'Indicator' : undefined;
      return loaders
        .basedOnEnds(this.element.internalId)
        .then((ends) =>
          connectionValue(
            ends
              .filter((e) => (wanted ? e.entityType === wanted : e.entityType !== 'Indicator'))
              .map((e) => new KnowledgeNode(e)),
          ),
        );
    }
    return coerceLeaf(this.element.attributes[name], leafKind(name));
  }

  private async stixJson(loaders: KnowledgeLoaders): Promise<string> {
    const e = this.element;
    const ids = [...Object.values(e.refs).flat(), e.fromId, e.toId].filter(
      (id): id is string => typeof id === 'string',
    );
    const targets = new Map<string, StixTarget>();
    for (const found of await loaders.many(ids)) targets.set(found.internalId, found);
    return JSON.stringify(toStix(e, (id) => targets.get(id)));
  }
}

async function nodeOf(pending: Promise<StoredElement | undefined>): Promise<KnowledgeNode | null> {
  const found = await pending;
  return found ? new KnowledgeNode(found) : null;
}
