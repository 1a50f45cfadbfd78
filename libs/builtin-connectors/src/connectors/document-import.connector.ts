import { buffer } from 'node:stream/consumers';
import { systemContext } from '@lib/rbac';
import { generateStandardId } from '@lib/stix';
import type { ConnectorJob, ConnectorSession, JobConnector } from '../builtin-connector.types';
import { builtInRegistration } from '../builtin-connector.types';
import type { ConnectorDeps } from './connector-deps.types';
import { containerWith } from './container-contents.util';
import { DOCUMENT_TYPES, extractFindings } from './document-extraction.util';
import { observableObject } from './ioc-entries.util';
import type { StixObject } from './offline-enrichment.util';
import { reviewDraft } from './review-draft.util';

const SYSTEM = systemContext('connector-host');
/** Techniques looked up per job, at most. */
const MAX_TECHNIQUES = 500;

/**
 * INTERNAL_IMPORT_FILE of documents (PDF, HTML, Markdown, text): the observables they name
 * (defanged ones included), CVEs as vulnerabilities and ATT&CK techniques already known to the
 * platform go into a report named after the document's first line, or into the container the
 * file is attached to; the file's markings mark all of it. It all waits in a draft for an
 * analyst to review and validate, unless the job says `bypass_validation`.
 */
export function documentImport(deps: ConnectorDeps): JobConnector {
  return {
    kind: 'jobs',
    registration: builtInRegistration({
      id: 'threatloom-import-document',
      name: 'Import documents (PDF, HTML, Markdown, text)',
      type: 'INTERNAL_IMPORT_FILE',
      scope: DOCUMENT_TYPES,
    }),
    async handle(job: ConnectorJob, session: ConnectorSession) {
      const fileId = job.event.file_id;
      if (typeof fileId !== 'string') return { message: 'The job names no file', inError: true };
      const mime = typeof job.event.file_mime === 'string' ? job.event.file_mime : 'text/plain';
      const { documentText } = await import('./document-text.util.js');
      const text = await documentText(await buffer((await deps.blobs.get(fileId)).body), mime);
      const findings = extractFindings(text);
      const markings = await markingRefs(deps, job.event.file_markings);
      const marked = markings.length > 0 ? { object_marking_refs: markings } : {};
      const objects: StixObject[] = findings.observables.map((o) =>
        observableObject(o.type, o.value, marked),
      );
      for (const name of findings.vulnerabilities) {
        const id = generateStandardId('Vulnerability', { name });
        objects.push({ type: 'vulnerability', spec_version: '2.1', id, name, ...marked });
      }
      const techniques = await knownTechniques(deps, findings.techniques);
      const unknown = findings.techniques.filter((t) => !techniques.has(t));
      const refs = [...objects.map((o) => o.id), ...techniques.values()];
      const container = await containerWith(deps, job.event.entity_id, refs);
      if (container) {
        objects.push(container);
      } else if (refs.length > 0) {
        objects.push(reportOf(text, fileId, refs, marked));
      }
      // What is read out of prose needs a look before it joins the graph.
      const draft = await reviewDraft(deps, job, session, fileId, true);
      await session.send(objects);
      const parts = [
        `${findings.observables.length} observables`,
        `${findings.vulnerabilities.length} vulnerabilities`,
        `${techniques.size} attack patterns`,
        ...(unknown.length > 0 ? [`techniques not in the platform: ${unknown.join(', ')}`] : []),
      ];
      const where = draft ? `draft ${draft}` : container ? 'the container' : 'a report';
      return { message: `${fileId} → ${where}: ${parts.join(', ')}` };
    },
  };
}

/** The STIX ids of the file's markings (given by internal id). */
async function markingRefs(deps: ConnectorDeps, markings: unknown): Promise<string[]> {
  const ids = Array.isArray(markings) ? markings.map(String) : [];
  const found = await deps.store.getMany(SYSTEM, ids);
  return [...found.values()].map((m) => m.standardId);
}

/** Technique id → the standard id of the attack pattern the platform knows by it. */
async function knownTechniques(
  deps: ConnectorDeps,
  techniques: readonly string[],
): Promise<Map<string, string>> {
  if (techniques.length === 0) return new Map();
  const page = await deps.index.search(SYSTEM, {
    types: ['Attack-Pattern'],
    filters: {
      mode: 'and',
      filters: [{ key: ['x_mitre_id'], values: techniques.slice(0, MAX_TECHNIQUES) }],
      filterGroups: [],
    },
    first: MAX_TECHNIQUES,
  });
  return new Map(
    page.items.map((p) => [String(p.attributes.x_mitre_id), p.standardId] as [string, string]),
  );
}

/** A report named after the document's first line, holding what it names. */
function reportOf(
  text: string,
  fileId: string,
  refs: readonly string[],
  marked: Record<string, unknown>,
): StixObject {
  const title =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0)
      ?.slice(0, 200) ?? fileId;
  const published = new Date().toISOString();
  return {
    type: 'report',
    spec_version: '2.1',
    id: generateStandardId('Report', { name: title, published }),
    name: title,
    published,
    report_types: ['threat-report'],
    description: `Imported from ${fileId.split('/').pop() ?? fileId}`,
    object_refs: [...refs],
    ...marked,
  };
}
