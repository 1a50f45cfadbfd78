import type { StoredElement } from '@lib/entity-store';
import type { InternalRelationshipModel } from './access.model';
import { groupView, roleView, userView } from './access-views.util';

/** An element of the access model as an InternalObject value (null for other kinds). */
export function internalObjectOf(element: StoredElement | undefined | null): unknown {
  switch (element?.entityType) {
    case 'User':
      return userView(element);
    case 'Group':
      return groupView(element);
    case 'Role':
      return roleView(element);
    default:
      return null;
  }
}

/** The `from → to` link a relationAdd made (the access model keeps links as refs, not as rows). */
export function internalRelation(
  type: string,
  from: unknown,
  to: unknown,
  fromId: string,
  toId: string,
): InternalRelationshipModel {
  const now = new Date().toISOString();
  const id = `${type}--${fromId}--${toId}`;
  return {
    id,
    standard_id: `internal-relationship--${fromId}--${toId}`,
    entity_type: type,
    parent_types: ['basic-relationship', 'internal-relationship'],
    created_at: now,
    updated_at: now,
    relationship_type: type,
    from,
    to,
  };
}
