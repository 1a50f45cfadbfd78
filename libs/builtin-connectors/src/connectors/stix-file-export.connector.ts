import { randomUUID } from 'node:crypto';
import { stixOfElement } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { AccessContext } from '@lib/rbac';
import { isObservableType } from '@lib/stix';
import type { ConnectorJob, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';

/** Relationships of the exported element taken into a full export, at most. */
const MAX_RELATIONSHIPS = 5000;

/**
 * INTERNAL_EXPORT_FILE of one element, read as the analyst who asked (their markings hold):
 * `application/json` is a STIX 2.1 bundle (simple: the element and what it references; full:
 * also its relationships, their other ends and a container's objects), `text/plain` the
 * observable values and indicator patterns of the same set, one per line.
 */
export function stixFileExport(deps: ConnectorDeps): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: 'threatloom-export',
      name: 'Export STIX 2.1 bundles and IOC lists',
      type: 'INTERNAL_EXPORT_FILE',
      scope: ['application/json', 'text/plain'],
    }),
    async handle(job: ConnectorJob) {
      const event = job.event;
      const applicant = job.internal.applicant_id;
      const ctx = applicant ? await deps.auth.contextForUser(applicant) : undefined;
      if (!ctx) return { message: `Unknown applicant ${String(applicant)}`, inError: true };
      if (event.export_scope !== 'single' || typeof event.entity_id !== 'string') {
        return { message: 'Only exports of one element are made here', inError: true };
      }
      const element = await deps.store.get(ctx, event.entity_id);
      if (!element) return { message: `${event.entity_id} is not visible`, inError: true };
      const elements = await exportedSet(deps, ctx, element, event.export_type === 'full');
      const format = String(event.format);
      const body =
        format === 'text/plain'
          ? iocLines(elements)
          : JSON.stringify(await bundleOf(deps, elements), null, 2);
      await deps.files.uploadExport(ctx, element.internalId, {
        fileName: String(event.file_name),
        mimeType: format,
        body: Buffer.from(body, 'utf8'),
        markings: Array.isArray(event.file_markings) ? event.file_markings.map(String) : [],
      });
      return { message: `${elements.length} objects exported to ${String(event.file_name)}` };
    },
  };
}

/** The element, what it references, and (full) its relationships and a container's objects. */
async function exportedSet(
  deps: ConnectorDeps,
  ctx: AccessContext,
  element: StoredElement,
  full: boolean,
): Promise<StoredElement[]> {
  const found = new Map<string, StoredElement>([[element.internalId, element]]);
  const add = async (ids: Iterable<string>) => {
    const wanted = [...ids].filter((id) => !found.has(id));
    const loaded = await deps.store.getMany(ctx, wanted);
    loaded.forEach((e) => found.set(e.internalId, e));
    return [...loaded.values()];
  };
  const referenced = (elements: readonly StoredElement[], withObjects: boolean) =>
    elements.flatMap((e) =>
      Object.entries(e.refs)
        .filter(([name]) => withObjects || name !== 'object')
        .flatMap(([, ids]) => ids),
    );
  const contents = await add(referenced([element], full));
  if (full) {
    const page = await deps.index.search(ctx, {
      types: ['stix-core-relationship', 'stix-sighting-relationship'],
      filters: {
        mode: 'and',
        filters: [{ key: ['fromOrToId'], values: [element.internalId] }],
        filterGroups: [],
      },
      first: MAX_RELATIONSHIPS,
    });
    page.items.forEach((r) => found.set(r.internalId, r));
    const ends = page.items.flatMap((r) => [r.fromId, r.toId]).filter((id): id is string => !!id);
    const more = await add(ends);
    // What the relationships, their ends and a container's objects reference (authors, markings).
    await add(referenced([...contents, ...page.items, ...more], false));
  }
  return [...found.values()];
}

async function bundleOf(deps: ConnectorDeps, elements: readonly StoredElement[]) {
  const objects = [];
  for (const element of elements) objects.push(await stixOfElement(deps.store, element));
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}

function iocLines(elements: readonly StoredElement[]): string {
  const lines = new Set<string>();
  for (const e of elements) {
    const value = e.attributes.observable_value ?? e.attributes.value;
    if (e.entityType === 'Indicator' && typeof e.attributes.pattern === 'string') {
      lines.add(e.attributes.pattern);
    } else if (typeof value === 'string' && isObservableType(e.entityType)) {
      lines.add(value);
    }
  }
  return [...lines].map((l) => `${l}\n`).join('');
}
