import { targetLookup } from '@lib/entity-store';
import type { StoredElement } from '@lib/entity-store';
import type { FilterGroup } from '@lib/kernel';
import type { ConnectorJob, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';
import { EXPORT_FORMATS, csvRows, iocLines, label, stixBundle } from './export-formats.util';
import {
  MAX_LIST_EXPORT,
  excludedMarkingsOf,
  exportRoots,
  exportedSet,
  narrowedAccess,
} from './export-set.util';
import type { ExportRequestOf } from './export-set.util';

/**
 * INTERNAL_EXPORT_FILE of one element or of a list (picked ids or the list's query), read as
 * the analyst who asked (their markings hold, narrowed by `contentMaxMarkings`):
 * `application/json` is a STIX 2.1 bundle (simple: the elements and what they reference; full:
 * also their relationships, the other ends and a container's objects), `text/plain` the
 * observable values and indicator patterns of the same set, one per line, `text/csv` one row
 * per element (simple: the listed ones; full: with their relationships and neighbours),
 * `application/pdf` a report of each element with its markings, contents and relationships.
 */
export function stixFileExport(deps: ConnectorDeps): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: 'threatloom-export',
      name: 'Export STIX 2.1 bundles, CSV and IOC lists',
      type: 'INTERNAL_EXPORT_FILE',
      scope: [...EXPORT_FORMATS],
    }),
    async handle(job: ConnectorJob) {
      const event = job.event;
      const applicant = job.internal.applicant_id;
      const asked = applicant ? await deps.auth.contextForUser(applicant) : undefined;
      if (!asked) return { message: `Unknown applicant ${String(applicant)}`, inError: true };
      const request = requestOf(event);
      if (typeof request === 'string') return { message: request, inError: true };
      const ctx = await narrowedAccess(deps, asked, excludedMarkingsOf(event.access_filter));
      const { roots, cut } = await exportRoots(deps, ctx, request);
      if (request.scope === 'single' && roots.length === 0) {
        return { message: `${request.entityId} is not visible`, inError: true };
      }
      const format = String(event.format);
      // A PDF report always shows what a container holds and the relationships.
      const full = event.export_type === 'full' || format === 'application/pdf';
      const elements = await exportedSet(deps, ctx, roots, full);
      const title =
        request.scope === 'single'
          ? label(roots[0], String(event.entity_id))
          : `${String(event.entity_type)} list (${roots.length})`;
      const body = await render(deps, format, {
        rows: full ? elements : roots,
        roots,
        elements,
        title,
      });
      const upload = {
        fileName: String(event.file_name),
        mimeType: format,
        body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        markings: Array.isArray(event.file_markings) ? event.file_markings.map(String) : [],
      };
      const owner = typeof event.entity_id === 'string' ? event.entity_id : undefined;
      if (owner) {
        await deps.files.uploadExport(ctx, owner, upload);
      } else {
        await deps.files.uploadListExport(ctx, String(event.entity_type), upload);
      }
      const note = cut ? ` (the list was cut at ${MAX_LIST_EXPORT} elements)` : '';
      return {
        message: `${roots.length} listed, ${elements.length} objects exported to ${upload.fileName}${note}`,
      };
    },
  };
}

/** The export's request from the job's message, or what is wrong with it. */
function requestOf(event: Record<string, unknown>): ExportRequestOf | string {
  if (!(EXPORT_FORMATS as readonly string[]).includes(String(event.format))) {
    return `format ${String(event.format)} is not one of ${EXPORT_FORMATS.join(', ')}`;
  }
  switch (event.export_scope) {
    case 'single':
      return typeof event.entity_id === 'string'
        ? { scope: 'single', entityId: event.entity_id }
        : 'entity_id: a single export names its element';
    case 'selection':
      return Array.isArray(event.selected_ids)
        ? { scope: 'selection', ids: event.selected_ids.map(String) }
        : 'selected_ids: a selection export lists its elements';
    case 'query': {
      const params = (event.list_params ?? {}) as Record<string, unknown>;
      const optional = (key: string): string | undefined => {
        const value = params[key];
        return typeof value === 'string' && value !== '' ? value : undefined;
      };
      const orderMode = optional('orderMode');
      return {
        scope: 'query',
        entityType: String(event.entity_type),
        ...(optional('search') ? { search: optional('search') } : {}),
        ...(params.filters ? { filters: params.filters as FilterGroup } : {}),
        ...(optional('orderBy') ? { orderBy: optional('orderBy') } : {}),
        ...(orderMode === 'asc' || orderMode === 'desc' ? { orderMode } : {}),
      };
    }
    default:
      return `export_scope ${String(event.export_scope)} is not single, selection or query`;
  }
}

/** The file: `rows` are what a CSV lists, `roots` what was asked, `elements` all exported. */
async function render(
  deps: ConnectorDeps,
  format: string,
  set: {
    rows: readonly StoredElement[];
    roots: readonly StoredElement[];
    elements: readonly StoredElement[];
    title: string;
  },
): Promise<string | Buffer> {
  if (format === 'text/plain') return iocLines(set.elements);
  const csv = format === 'text/csv';
  const lookup = await targetLookup(deps.store, csv ? set.rows : set.elements, set.elements);
  if (csv) return csvRows(set.rows, lookup);
  if (format === 'application/pdf') {
    // pdfkit (about 20 MB once required) is loaded by the first PDF export only.
    const { pdfReport } = await import('./pdf-report.util.js');
    return pdfReport(set.roots, set.elements, lookup, set.title);
  }
  return JSON.stringify(stixBundle(set.elements, lookup, set.roots), null, 2);
}
