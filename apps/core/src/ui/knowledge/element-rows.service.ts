import { Inject, Injectable } from '@nestjs/common';
import { EntityStore } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { representative } from '@lib/stix';
import type { ElementRow, LabelView, MarkingView } from '@lib/ui';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** An element's readable name (what its edit form shows). */
export function nameOf(element: StoredElement): string {
  return representative(element.attributes, element.standardId);
}

/**
 * An element as lists, links and pickers show it: its name, behind its ATT&CK id when it has one
 * (`[T1078.004] Cloud Accounts`): ATT&CK names several techniques alike (two "Cloud Account").
 */
export function labelOf(element: StoredElement): string {
  const id = str(element.attributes.x_mitre_id);
  const name = nameOf(element);
  return id ? `[${id}] ${name}` : name;
}

export function markingView(element: StoredElement): MarkingView {
  return {
    id: element.internalId,
    definition: str(element.attributes.definition) ?? element.standardId,
    color: str(element.attributes.x_opencti_color),
  };
}

/**
 * Elements as rows: their author, labels and markings resolved in one store read for the whole
 * page, under the reader's access context (an author he may not see stays unnamed).
 */
@Injectable()
export class ElementRows {
  constructor(@Inject(EntityStore) private readonly store: EntityStore) {}

  async of(ctx: AccessContext, elements: readonly StoredElement[]): Promise<ElementRow[]> {
    const ids = new Set<string>();
    for (const e of elements) {
      for (const rel of ['created-by', 'object-label', 'object-marking']) {
        for (const id of e.refs[rel] ?? []) ids.add(id);
      }
    }
    const related = ids.size > 0 ? await this.store.getMany(ctx, [...ids]) : new Map();
    return elements.map((e) => rowOf(e, related));
  }
}

function rowOf(e: StoredElement, related: ReadonlyMap<string, StoredElement>): ElementRow {
  const author = related.get(e.refs['created-by']?.[0] ?? '');
  const labels: LabelView[] = (e.refs['object-label'] ?? [])
    .map((id) => related.get(id))
    .filter((l): l is StoredElement => Boolean(l))
    .map((l) => ({ value: str(l.attributes.value) ?? '', color: str(l.attributes.color) }));
  const markings = (e.refs['object-marking'] ?? [])
    .map((id) => related.get(id))
    .filter((m): m is StoredElement => Boolean(m))
    .map(markingView);
  return {
    id: e.internalId,
    name: labelOf(e),
    entityType: e.entityType,
    createdBy: author ? { id: author.internalId, name: labelOf(author) } : undefined,
    labels,
    markings,
    created: str(e.attributes.created) ?? e.createdAt,
    modified: str(e.attributes.modified) ?? e.updatedAt,
    confidence: num(e.attributes.confidence),
  };
}
