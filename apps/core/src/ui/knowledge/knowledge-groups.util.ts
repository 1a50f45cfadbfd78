import type { RelationshipRow } from '../pages/entity.page';

/** Related elements of one relationship type, direction and other-end type ("uses → Malware"). */
export type KnowledgeGroup = {
  relationshipType: string;
  direction: 'from' | 'to';
  otherType: string;
  items: { id: string; name: string; relationshipId: string }[];
};

/**
 * Relationships grouped by relationship type (outgoing before incoming), then by the type of the
 * other end; each group's elements by name. Ends the reader may not see are left out.
 */
export function groupKnowledge(rows: readonly RelationshipRow[]): KnowledgeGroup[] {
  const groups = new Map<string, KnowledgeGroup>();
  for (const row of rows) {
    if (!row.other) continue;
    const key = `${row.type}|${row.direction}|${row.other.entityType}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        relationshipType: row.type,
        direction: row.direction,
        otherType: row.other.entityType,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push({ id: row.other.id, name: row.other.name, relationshipId: row.id });
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.relationshipType.localeCompare(b.relationshipType) ||
      (a.direction === b.direction ? 0 : a.direction === 'from' ? -1 : 1) ||
      a.otherType.localeCompare(b.otherType),
  );
  for (const group of sorted) group.items.sort((a, b) => a.name.localeCompare(b.name));
  return sorted;
}
